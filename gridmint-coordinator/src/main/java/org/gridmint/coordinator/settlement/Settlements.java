package org.gridmint.coordinator.settlement;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridmint.api.ChainInfo;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.coordinator.economics.NetworkFacts;
import org.gridmint.coordinator.store.EconomicsTx;
import org.gridmint.coordinator.store.Store;

/**
 * The one place a coordinator chooses its settlement port: the embedded one without a chain, the EVM one with {@code --chain-rpc}.
 *
 * <p>A network's settlement is fixed for its life and kept in its store's network_facts at first start (settlement, and for
 * evm the chain id and settlement contract): a restart without {@code --chain-rpc} of an EVM-settled store would close epochs
 * nobody posts and strand its withdrawals, and one on another chain or contract would count deposits and epochs against
 * the wrong one. Either is refused, naming the flag and what the store holds.
 */
public final class Settlements {
    private Settlements() {}

    /** How a coordinator gets its port: {@link #open} in production; a test may hand in another adapter. */
    @FunctionalInterface
    public interface Opener {
        SettlementPort open(CoordinatorConfig config, Instant genesis, Store store);
    }

    /** What the store records of its settlement; {@code settlement} null before the first start that recorded it. */
    private record Recorded(String settlement, Long chainId, String contract, boolean fresh) {}

    /**
     * Opens the port that {@code config} asks for, if the store's recorded settlement agrees, and records it on first start.
     *
     * @param genesis the network's genesis (from its store), which an EVM deployment must match
     * @param store the coordinator's store, for what an adapter keeps (e.g. how far deposits were read)
     * @throws SettlementException naming the flag when the configuration's settlement is not the store's
     */
    public static SettlementPort open(CoordinatorConfig config, Instant genesis, Store store) {
        Recorded r = recorded(store);
        if (config.chain() == null) {
            if (ChainInfo.EVM.equals(r.settlement()))
                throw refuse("this coordinator's store settles on an EVM chain (chain " + r.chainId() + ", settlement contract " + r.contract()
                        + "; recorded in its network_facts at its first start) but no --chain-rpc was given: start it with --chain-rpc (a node of "
                        + "chain " + r.chainId() + ") and --chain-key, or its epochs would never be posted and its withdrawals never paid");
            record(store, ChainInfo.EMBEDDED, null, null);
            return new EmbeddedSettlement();
        }
        if (ChainInfo.EMBEDDED.equals(r.settlement()))
            throw refuse("--chain-rpc " + config.chain().rpc() + " was given but this coordinator's store settles embedded (no chain; recorded in "
                    + "its network_facts at its first start): a network keeps its settlement for life; start it without --chain-rpc and "
                    + "--chain-key, or use a new store to settle on a chain");
        EvmSettlement port = ChainSetup.open(config.chain(), config.economics(), genesis, config.dataDir(),
                new ChainSetup.StoreChain(r.chainId(), r.contract(), r.fresh()));
        try {
            var info = port.info();
            record(store, ChainInfo.EVM, info.chainId(), info.settlementContract());
            return port;
        } catch (RuntimeException e) {
            port.close();
            throw e;
        }
    }

    /** The settlement contract the store recorded at its first start on an EVM chain; empty for an embedded or older store. */
    public static Optional<String> recordedContract(Store store) {
        return store.inTransaction(tx -> tx.economics().fact(NetworkFacts.SETTLEMENT_CONTRACT));
    }

    private static Recorded recorded(Store store) {
        return store.inTransaction(tx -> {
            var e = tx.economics();
            Optional<String> settlement = e.fact(NetworkFacts.SETTLEMENT);
            // A store from before the fact was kept: its newest epoch says how it settled.
            if (settlement.isEmpty()) settlement = e.recentEpochs(1).stream().map(EconomicsTx.EpochRecord::settlement).findFirst();
            Long chainId = e.fact(NetworkFacts.CHAIN_ID).map(Long::parseLong).orElse(null);
            String contract = e.fact(NetworkFacts.SETTLEMENT_CONTRACT).orElse(null);
            boolean fresh = settlement.isEmpty() && tx.chain().cursor().isEmpty();
            return new Recorded(settlement.orElse(null), chainId, contract, fresh);
        });
    }

    /** Records the settlement unless recorded; a racing coordinator's different record is refused like a restart's. */
    private static void record(Store store, String settlement, Long chainId, String contract) {
        store.inTransaction(tx -> {
            var e = tx.economics();
            e.insertFact(NetworkFacts.SETTLEMENT, settlement);
            if (chainId != null) e.insertFact(NetworkFacts.CHAIN_ID, Long.toString(chainId));
            if (contract != null) e.insertFact(NetworkFacts.SETTLEMENT_CONTRACT, contract.toLowerCase(java.util.Locale.ROOT));
            List<String> held = List.of(e.fact(NetworkFacts.SETTLEMENT).orElse(""), e.fact(NetworkFacts.CHAIN_ID).orElse(""),
                    e.fact(NetworkFacts.SETTLEMENT_CONTRACT).orElse(""));
            List<String> want = List.of(settlement, chainId == null ? "" : Long.toString(chainId), contract == null ? "" : contract.toLowerCase(java.util.Locale.ROOT));
            if (!held.equals(want))
                throw refuse("this coordinator's store settles " + held.get(0) + (held.get(1).isEmpty() ? "" : " on chain " + held.get(1) + " with "
                        + held.get(2)) + " (recorded in its network_facts by another start) but this start would settle " + settlement
                        + (chainId == null ? "" : " on chain " + chainId + " with " + contract) + ": check --chain-rpc and --chain-contract");
            return null;
        });
    }

    private static SettlementException refuse(String message) {
        return new SettlementException(message, false, null);
    }
}
