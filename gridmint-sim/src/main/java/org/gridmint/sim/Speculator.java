package org.gridmint.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.market.Health;
import org.gridmint.core.market.MarketSnapshot;
import org.gridmint.core.market.NetworkPrior;
import org.gridmint.core.market.Reputation;
import org.gridmint.core.market.Speculation;
import org.gridmint.core.scheduling.Placement;

/**
 * Asks core's LATE {@link Speculation#plan} which of a job's running tasks to back up, and where. It offers the job's
 * live attempts in core (no progress fraction: an exec task's heartbeat carries none) with their providers' reputations,
 * a failed provider's included until its lease runs out, so that a task already raced by a backup is seen as such; and
 * the {@link #CANDIDATES} cheapest free providers that fit the job, as the backups' candidates.
 */
final class Speculator {
    /** A backup to start. */
    record Start(SimTask task, SimProvider provider) {}

    static final int CANDIDATES = 32;

    private final Speculation.Config config;
    private final FreePool free;

    Speculator(Speculation.Config config, FreePool free) {
        this.config = config;
        this.free = free;
    }

    List<Start> plan(SimJob job, NetworkPrior prior, long heartbeatMillis, long now) {
        if (!config.enabled() || job.running.isEmpty() || job.completed < config.minCompleted()) return List.of();
        Instant at = Instant.ofEpochMilli(now);
        Duration heartbeat = Duration.ofMillis(heartbeatMillis);
        var requirements = job.running.getFirst().requirements;
        Map<ProviderId, MarketSnapshot.Provider> providers = new LinkedHashMap<>();
        Map<ProviderId, SimProvider> byId = new HashMap<>();
        Map<TaskId, SimTask> tasks = new HashMap<>();
        List<Speculation.Attempt> attempts = new ArrayList<>();
        for (SimTask t : job.running) {
            // A replica is no straggler to back up: it must compute the task from scratch on a provider of its own.
            if (t.verifying()) continue;
            tasks.put(t.id, t);
            for (SimAttempt a : t.live) {
                attempts.add(new Speculation.Attempt(t.id, a.provider.id(), Instant.ofEpochMilli(a.start), a.startWork, null));
                add(a.provider, providers, byId, prior, heartbeat, at);
            }
        }
        int offered = 0;
        for (SimProvider p : free.cheapestFirst()) {
            if (offered >= CANDIDATES) break;
            if (p.benched(now) || Placement.misfit(p.offer, requirements).isPresent()) continue;
            add(p, providers, byId, prior, heartbeat, at);
            offered++;
        }
        var spec = new Speculation.Job(job.id, requirements, attempts, job.completed, job.runtimes.median());
        List<Start> out = new ArrayList<>();
        for (Speculation.Backup b : Speculation.plan(spec, List.copyOf(providers.values()), config, at)) out.add(new Start(tasks.get(b.task()), byId.get(b.provider())));
        return out;
    }

    private static void add(SimProvider p, Map<ProviderId, MarketSnapshot.Provider> providers, Map<ProviderId, SimProvider> byId,
                            NetworkPrior prior, Duration heartbeat, Instant at) {
        if (providers.containsKey(p.id())) return;
        Instant until = p.quarantinedUntil();
        providers.put(p.id(), new MarketSnapshot.Provider(p.offer, p.freeSlots(), Reputation.estimate(p.evidence, prior),
                Health.of(at, at, heartbeat, until), at, until));
        byId.put(p.id(), p);
    }
}
