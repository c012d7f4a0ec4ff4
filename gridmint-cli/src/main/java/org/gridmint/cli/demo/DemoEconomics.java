package org.gridmint.cli.demo;

import static org.gridmint.cli.format.MoneyFormat.credits;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.gridmint.api.NetworkReport;
import org.gridmint.client.GridmintClient;
import org.gridmint.coordinator.Coordinator;
import org.gridmint.coordinator.economics.EconomicsConfig;
import org.gridmint.coordinator.economics.EpochLoop;
import org.gridmint.core.economics.EmissionSchedule;
import org.gridmint.core.economics.Tokens;

/**
 * The demo's network economics: short epochs from the demo's start, so that the job's verified work is rewarded with GRID
 * while the demo runs, and the network report's totals (revenue beside what the network issued) at its end.
 */
final class DemoEconomics {
    /** Short enough that the demo's minute spans several epochs; whole seconds, as the settlement contract counts them. */
    static final Duration EPOCH = Duration.ofSeconds(5);

    private DemoEconomics() {}

    /**
     * Epochs of {@link #EPOCH} starting at {@code start} (truncated to the second), emitting GRID at the default schedule's
     * rate per hour (its per-epoch emission scaled down to the short epoch), so the report's ratios are the defaults'.
     */
    static EconomicsConfig config(Instant start) {
        EconomicsConfig d = EconomicsConfig.DEFAULT;
        long perEpoch = d.schedule().initial().micros() * EPOCH.toSeconds() / d.epoch().toSeconds();
        return new EconomicsConfig(EPOCH, start.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                new EmissionSchedule(Tokens.ofMicros(perEpoch), d.schedule().halvingEpochs()), d.treasuryShareBasisPoints(), d.gridPrice());
    }

    /**
     * Waits until the epoch running now has ended and been closed (at most one epoch and its settle delay), then prints the
     * report's totals over every epoch since genesis.
     *
     * @return the totals, or null when they could not be read
     */
    static NetworkReport.Epoch close(PrintWriter out, Coordinator coordinator, GridmintClient client) throws InterruptedException {
        EpochLoop loop = coordinator.epochLoop();
        Instant now = Instant.now();
        long current = loop.epochs().epochAt(now);
        Instant closable = loop.epochs().end(current).plus(EpochLoop.settleDelay(EPOCH));
        out.printf(Locale.ROOT, "%nclosing epoch %d (epochs of %d s): its verified work is rewarded with GRID…%n", current, EPOCH.toSeconds());
        out.flush();
        Thread.sleep(Math.max(0, Duration.between(now, closable).toMillis()));
        loop.runOnce(Instant.now());
        NetworkReport report = client.networkReport((int) Math.min(1000, current + 2));
        NetworkReport.Epoch t = report.totals();
        out.println();
        out.println("=== the network's economics (gridmint network report) ===");
        out.printf(Locale.ROOT, "%d epochs of %d s: clients paid %s credits (fees %s); the network issued %s credits to pay the replicas that"
                + " checked results, and minted %s GRID (worth %s credits at %s per GRID) for verified work%n", current + 1, EPOCH.toSeconds(),
                credits(t.revenue()), credits(t.fees()), credits(t.subsidyCredits()), credits(t.emitted()), credits(t.emittedValue()),
                credits(report.gridPrice()));
        out.printf(Locale.ROOT, "what the network issued ÷ what clients paid: %s; GPU-hours clients paid for %s, verified %s (each result and the"
                + " replica that agreed with it)%n", t.subsidyRatio() == null ? "-" : credits(t.subsidyRatio()), credits(t.usefulGpuHours()),
                credits(t.verifiedGpuHours()));
        out.printf(Locale.ROOT, "per useful GPU-hour: clients paid %s credits; all-in, with what the network issued, %s%n",
                credits(t.clientPricePerGpuHour()), credits(t.allInPricePerGpuHour()));
        return t;
    }
}
