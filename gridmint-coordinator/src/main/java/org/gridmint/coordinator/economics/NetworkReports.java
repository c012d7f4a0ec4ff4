package org.gridmint.coordinator.economics;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gridmint.api.NetworkReport;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.store.ReportTx;
import org.gridmint.coordinator.store.Store;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.core.economics.Epochs;
import org.gridmint.core.ids.JobId;

/**
 * Builds the network report: per epoch, what clients paid beside what the network issued (GRID emissions valued at the
 * reference price, and SUBSIDY credits), with the work done, from the journal and the epoch loop's records. Everything is
 * read in one store transaction, so the figures of one report agree with each other.
 *
 * <p>Times: a journal entry counts in the epoch its {@code at} falls in, a charge in its charge time's, an attempt in its end's;
 * emissions and verified work in the epoch whose close recorded them (the first epoch to close after its verdict was decided, normally the one it was decided in).
 */
public final class NetworkReports {
    /** The most epochs one report lists. */
    public static final int MAX_EPOCHS = 1000;
    public static final int DEFAULT_EPOCHS = 24;
    static final String TOKEN = "GRID";

    private final Store store;
    private final InstantSource clock;
    private final EconomicsConfig config;
    private final Epochs grid;
    private final String settlement;

    /**
     * @param epochs the network's epochs as its store fixed them ({@link NetworkFacts#establish})
     * @param settlement how the coordinator settles: {@code embedded} or {@code evm} ({@link org.gridmint.api.ChainInfo})
     */
    public NetworkReports(Store store, InstantSource clock, EconomicsConfig config, Epochs epochs, String settlement) {
        this.store = store;
        this.clock = clock;
        this.config = config;
        this.grid = epochs;
        this.settlement = settlement;
    }

    /** The last {@code epochs} epochs, the current (open) one first, with their totals. */
    public NetworkReport report(int epochs) {
        if (epochs < 1 || epochs > MAX_EPOCHS)
            throw new CoordinatorException.Invalid("epochs", "must be between 1 and " + MAX_EPOCHS + ", was " + epochs);
        Instant now = clock.instant();
        return store.inTransaction(tx -> build(tx, epochs, now));
    }

    private NetworkReport build(StoreTx tx, int count, Instant now) {
        Duration length = grid.length();
        Instant genesis = grid.genesis();
        if (now.isBefore(genesis)) {
            // --genesis lies ahead: no epoch has begun.
            var none = new EpochFigures().view(-1, genesis, genesis, false, null, config.gridPrice());
            return new NetworkReport(settlement, TOKEN, config.gridPrice(), length.toString(), genesis, List.of(), none);
        }
        long current = grid.epochAt(now);
        long first = Math.max(0, current - count + 1);
        var window = new ReportTx.Grid(genesis.toEpochMilli(), length.toMillis(), first, current);

        TreeMap<Long, EpochFigures> figures = new TreeMap<>();
        for (long e = first; e <= current; e++) figures.put(e, new EpochFigures());
        ReportTx r = tx.report();
        for (var s : r.journalSums(window)) figures.get(s.epoch()).add(s);
        for (var p : r.activeProviders(window)) figures.get(p.epoch()).providers.add(p.providerId());
        Map<String, Integer> gpus = new HashMap<>();
        for (var c : r.chargedRuntime(window)) {
            int g = gpus.computeIfAbsent(c.jobId(), id -> gpusOf(tx, id));
            EpochFigures f = figures.get(c.epoch());
            f.usefulGpuMs = Math.addExact(f.usefulGpuMs, Math.multiplyExact(c.runtimeMillis(), g));
        }
        for (var w : r.rewardedWork(first, current)) figures.get(w.epoch()).verifiedGpuMs = w.gpuMillis();
        for (var c : r.closedEpochs(first, current)) {
            EpochFigures f = figures.get(c.epoch());
            f.closed = c;
            f.minted = c.minted();
            f.payoutCredits = c.payoutCredits();
            f.payoutTokens = c.payoutTokens();
            f.operatorFunding = c.operatorFunding();
        }
        // An epoch not closed yet (the open one, or one the loop has still to close) shows the verified work so far, as its close would count it.
        figures.forEach((n, f) -> {
            if (f.closed == null)
                for (var w : EpochClose.verifiedWork(tx, n, grid.start(n), grid.end(n))) f.verifiedGpuMs = Math.addExact(f.verifiedGpuMs, w.gpuMs());
        });

        List<NetworkReport.Epoch> out = new ArrayList<>();
        EpochFigures totals = new EpochFigures();
        boolean allClosed = true;
        for (var e : figures.descendingMap().entrySet()) {
            long n = e.getKey();
            EpochFigures f = e.getValue();
            boolean closed = f.closed != null;
            allClosed &= closed;
            out.add(f.view(n, grid.start(n), grid.end(n), closed, state(n, current, f), config.gridPrice()));
            totals.addAll(f);
        }
        return new NetworkReport(settlement, TOKEN, config.gridPrice(), length.toString(), genesis, out,
                totals.view(-1, grid.start(first), grid.end(current), allClosed, null, config.gridPrice()));
    }

    /** OPEN for the current epoch; the loop's state once it closed the epoch; ENDED for a past epoch it has not closed yet. */
    private static String state(long epoch, long current, EpochFigures f) {
        if (f.closed != null) return f.closed.state();
        return epoch == current ? "OPEN" : "ENDED";
    }

    /** A job's GPUs per task, a CPU-only job counting as one (the unit verified work is counted in too). */
    private static int gpusOf(StoreTx tx, String jobId) {
        return tx.job(JobId.of(jobId)).map(j -> Math.max(1, j.spec().resources().gpus())).orElse(1);
    }
}
