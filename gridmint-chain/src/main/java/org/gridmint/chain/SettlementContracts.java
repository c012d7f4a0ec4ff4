package org.gridmint.chain;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The deployed settlement contract and its two tokens, called through one {@link ChainClient}'s key: deploy them, post
 * epoch roots (the operator), deposit and claim (anyone), and read balances, postings and deposit events.
 */
public final class SettlementContracts {
    private SettlementContracts() {}

    /** Deploys StableCredit, GridToken and Settlement from {@code operator}'s key, and makes Settlement GRID's minter. */
    public static SettlementContracts deploy(ChainClient operator, Deployment d) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The contracts behind a deployed Settlement (its tokens and parameters are read from it). */
    public static SettlementContracts at(ChainClient client, String settlementAddress) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The same contracts, with {@code other}'s key sending. */
    public SettlementContracts as(ChainClient other) {
        throw new UnsupportedOperationException("not yet");
    }

    public SettlementAddresses addresses() {
        throw new UnsupportedOperationException("not yet");
    }

    public Deployment deployment() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The settlement's operator address (0x lower-case): the only key that may post epochs. */
    public String operator() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Mints test stable credits (only StableCredit's owner, the deployer, may). */
    public TxReceipt mintStable(String to, BigInteger amount) {
        throw new UnsupportedOperationException("not yet");
    }

    public BigInteger stableBalance(String who) {
        throw new UnsupportedOperationException("not yet");
    }

    public BigInteger gridBalance(String who) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Approves (when the allowance is short) and deposits {@code amount} base units for ledger {@code account}. */
    public TxReceipt deposit(String account, BigInteger amount) {
        throw new UnsupportedOperationException("not yet");
    }

    public TxReceipt postEpoch(long epoch, byte[] root, BigInteger credits, BigInteger tokens) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The posted batch of {@code epoch}, or empty when it was not posted. */
    public Optional<EpochPosting> epoch(long epoch) {
        throw new UnsupportedOperationException("not yet");
    }

    public boolean isClaimed(long epoch, String account) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Claims {@code account}'s leaf of {@code epoch}; the funds go to {@code account} whoever sends it. */
    public TxReceipt claim(long epoch, String account, BigInteger credits, BigInteger tokens, List<byte[]> proof) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The Deposited events in blocks {@code fromBlock..toBlock} (inclusive), in chain order. */
    public List<DepositEvent> deposits(long fromBlock, long toBlock) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Credits posted but not yet claimed, in base units. */
    public BigInteger outstanding() {
        throw new UnsupportedOperationException("not yet");
    }

    /** GRID minted so far, in base units. */
    public BigInteger minted() {
        throw new UnsupportedOperationException("not yet");
    }

    /** What epochs 0..{@code epoch} may mint in all, in base units. */
    public BigInteger cumulativeCap(long epoch) {
        throw new UnsupportedOperationException("not yet");
    }
}
