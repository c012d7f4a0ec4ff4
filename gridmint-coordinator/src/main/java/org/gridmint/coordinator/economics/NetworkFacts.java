package org.gridmint.coordinator.economics;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.gridmint.coordinator.store.Store;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.core.economics.EmissionSchedule;
import org.gridmint.core.economics.Epochs;
import org.gridmint.core.economics.Tokens;

/**
 * What is fixed for a network's life, kept in its store (network_facts) from its first start: the genesis instant, the
 * epoch length and the emission schedule. Epochs are numbered from genesis and the settlement contract enforces the same
 * schedule, so a coordinator started later with different values would renumber closed epochs or mint past the cap: it
 * is refused at start, with a message naming the flag.
 */
public final class NetworkFacts {
    public static final String GENESIS = "genesis";
    public static final String EPOCH_MILLIS = "epoch_millis";
    public static final String EMISSION_INITIAL = "emission_initial";
    public static final String EMISSION_HALVING = "emission_halving";
    /** How the network settles (embedded or evm), and for evm on which chain with which settlement contract: fixed at first start. */
    public static final String SETTLEMENT = "settlement";
    public static final String CHAIN_ID = "chain_id";
    public static final String SETTLEMENT_CONTRACT = "settlement_contract";

    private NetworkFacts() {}

    /**
     * Records the facts on first start ({@code --genesis}, or {@code now} truncated to seconds) and answers the network's
     * epochs; on a later start checks that the configuration agrees with them.
     *
     * @throws IllegalArgumentException naming the flag whose value differs from the network's
     */
    public static Epochs establish(Store store, EconomicsConfig config, Instant now) {
        Instant genesis = config.genesis() != null ? config.genesis() : now.truncatedTo(ChronoUnit.SECONDS);
        return store.inTransaction(tx -> {
            var e = tx.economics();
            // A racing coordinator on the same PostgreSQL store may record them first: then its values are checked like any.
            e.insertFact(GENESIS, Long.toString(genesis.toEpochMilli()));
            e.insertFact(EPOCH_MILLIS, Long.toString(config.epoch().toMillis()));
            e.insertFact(EMISSION_INITIAL, Long.toString(config.schedule().initial().micros()));
            e.insertFact(EMISSION_HALVING, Long.toString(config.schedule().halvingEpochs()));
            Epochs epochs = epochs(tx).orElseThrow();
            if (config.genesis() != null && !config.genesis().equals(epochs.genesis()))
                throw refused("--genesis " + config.genesis(), "genesis " + epochs.genesis(), "leave --genesis out or pass --genesis " + epochs.genesis());
            if (!config.epoch().equals(epochs.length()))
                throw refused("--epoch " + seconds(config.epoch()), "epoch length " + seconds(epochs.length()), "pass --epoch " + seconds(epochs.length()));
            EmissionSchedule s = schedule(tx).orElseThrow();
            if (!s.initial().equals(config.schedule().initial()))
                throw refused("--emission-initial " + config.schedule().initial(), "initial emission " + s.initial() + " GRID per epoch",
                        "pass --emission-initial " + s.initial());
            if (s.halvingEpochs() != config.schedule().halvingEpochs())
                throw refused("--emission-halving " + config.schedule().halvingEpochs(), "halving interval " + s.halvingEpochs() + " epochs",
                        "pass --emission-halving " + s.halvingEpochs());
            return epochs;
        });
    }

    /** The network's epochs as its store records them; empty before its first start. */
    public static Optional<Epochs> epochs(StoreTx tx) {
        var genesis = tx.economics().fact(GENESIS);
        var length = tx.economics().fact(EPOCH_MILLIS);
        if (genesis.isEmpty() || length.isEmpty()) return Optional.empty();
        return Optional.of(new Epochs(Instant.ofEpochMilli(Long.parseLong(genesis.get())), Duration.ofMillis(Long.parseLong(length.get()))));
    }

    /** The network's emission schedule as its store records it; empty before its first start. */
    public static Optional<EmissionSchedule> schedule(StoreTx tx) {
        var initial = tx.economics().fact(EMISSION_INITIAL);
        var halving = tx.economics().fact(EMISSION_HALVING);
        if (initial.isEmpty() || halving.isEmpty()) return Optional.empty();
        return Optional.of(new EmissionSchedule(Tokens.ofMicros(Long.parseLong(initial.get())), Long.parseLong(halving.get())));
    }

    private static IllegalArgumentException refused(String given, String fixed, String fix) {
        return new IllegalArgumentException(given + " differs from this network's " + fixed + ", fixed at its first start and kept in its store:"
                + " it never changes (epochs are numbered from genesis and the settlement contract holds the same values); " + fix);
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + "s";
    }
}
