package org.gridmint.api;

/**
 * How a coordinator settles money, and where: {@code embedded} keeps every balance in its own ledger (nothing on a
 * chain; the other fields are null), {@code evm} settles each epoch on an EVM chain through the settlement contract.
 *
 * @param settlement {@code embedded} or {@code evm}
 * @param chainId the chain's id (EIP-155), or null
 * @param rpc a JSON-RPC URL that clients may use to send their own transactions (deposits, claims), or null
 * @param settlementContract the settlement contract's address (0x…), or null
 * @param stableToken the stable-credit ERC-20 that deposits and payouts move (1 credit = 10^18 base units), or null
 * @param gridToken the network token GRID (ERC-20, 18 decimals), or null
 * @param confirmations blocks a deposit must be buried under before it is credited
 * @param operator the operator's address, which posts epoch batches, or null
 */
public record ChainInfo(String settlement, Long chainId, String rpc, String settlementContract, String stableToken, String gridToken,
                        int confirmations, String operator) {
    public static final String EMBEDDED = "embedded";
    public static final String EVM = "evm";

    /** The embedded settlement: no chain. */
    public static ChainInfo embedded() {
        return new ChainInfo(EMBEDDED, null, null, null, null, null, 0, null);
    }
}
