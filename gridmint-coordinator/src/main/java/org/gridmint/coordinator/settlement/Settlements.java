package org.gridmint.coordinator.settlement;

import java.time.Instant;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.coordinator.store.Store;

/** The one place a coordinator chooses its settlement port: the embedded one without a chain, the EVM one with {@code --chain-rpc}. */
public final class Settlements {
    private Settlements() {}

    /** How a coordinator gets its port: {@link #open} in production; a test may hand in another adapter. */
    @FunctionalInterface
    public interface Opener {
        SettlementPort open(CoordinatorConfig config, Instant genesis, Store store);
    }

    /**
     * Opens the port that {@code config} asks for.
     *
     * @param genesis the network's genesis (from its store), which an EVM deployment must match
     * @param store the coordinator's store, for what an adapter keeps (e.g. how far deposits were read)
     */
    public static SettlementPort open(CoordinatorConfig config, Instant genesis, Store store) {
        if (config.chain() == null) return new EmbeddedSettlement();
        return ChainSetup.open(config.chain(), config.economics(), genesis, config.dataDir());
    }
}
