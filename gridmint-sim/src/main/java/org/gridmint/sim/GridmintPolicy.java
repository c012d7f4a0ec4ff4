package org.gridmint.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.market.Assignment;
import org.gridmint.core.market.Health;
import org.gridmint.core.market.MarketSnapshot;
import org.gridmint.core.market.Matcher;
import org.gridmint.core.market.NetworkPrior;
import org.gridmint.core.market.Plan;
import org.gridmint.core.market.Reputation;
import org.gridmint.core.market.Speculation;
import org.gridmint.core.scheduling.Placement;
import org.gridmint.core.scheduling.Requirements;
import org.gridmint.core.verify.Partner;
import org.gridmint.sim.scenario.Scenario;

/**
 * Gridmint: core's {@link Matcher} over a snapshot of the providers that can take work, each with the reputation core
 * estimates from the evidence this run has gathered and the health its quarantine gives; requeued tasks resume from
 * their checkpoint; stragglers get backups as core's LATE {@link Speculation} decides; the client pays only for useful work.
 */
final class GridmintPolicy implements Policy {
    @Override
    public String name() {
        return "gridmint";
    }

    @Override
    public boolean resumesFromCheckpoint() {
        return true;
    }

    private final Speculation.Config speculation;

    GridmintPolicy(Scenario.Speculate speculate) {
        this.speculation = Speculation.Config.DEFAULT.with(speculate.slowdown(), speculate.maxBackups());
    }

    @Override
    public Speculation.Config speculation() {
        return speculation;
    }

    @Override
    public boolean billsOnlyUsefulWork() {
        return true;
    }

    @Override
    public List<Placed> place(List<SimTask> pending, FreePool pool, TrustBoard trusts, NetworkPrior prior, long heartbeatMillis, long now) {
        Instant at = Instant.ofEpochMilli(now);
        Duration heartbeat = Duration.ofMillis(heartbeatMillis);
        Map<SimTask, Integer> bars = new HashMap<>();
        int lowestBar = TRUSTED_ONLY;
        for (SimTask t : pending) {
            if (t.partner != Partner.TRUSTED) continue;
            int bar = bar(t, trusts);
            bars.put(t, bar);
            if (bar > 0) lowestBar = Math.min(lowestBar, bar);
        }
        List<SimProvider> free = candidates(pending, pool, now, bars, lowestBar);
        List<MarketSnapshot.Provider> providers = new ArrayList<>(free.size());
        Map<ProviderId, SimProvider> byId = HashMap.newHashMap(free.size());
        for (SimProvider p : free) {
            Instant until = p.quarantinedUntil();
            // Up providers heartbeat all the time: last seen now, so only a quarantine keeps one from work.
            providers.add(new MarketSnapshot.Provider(p.offer, p.freeSlots(), Reputation.estimate(p.evidence, prior),
                    Health.of(at, at, heartbeat, until), at, until));
            byId.put(p.id(), p);
        }
        List<MarketSnapshot.PendingTask> tasks = new ArrayList<>(pending.size());
        Map<TaskId, SimTask> byTask = HashMap.newHashMap(pending.size());
        Map<Integer, Set<ProviderId>> onlyByBar = new HashMap<>();
        for (SimTask t : pending) {
            if (!t.verifying()) {
                tasks.add(new MarketSnapshot.PendingTask(t.id, t.requirements, t.job.runtimes.median(), t.record.lastFailedProvider()));
            } else {
                // A replica never goes where the task ran already; a tie-breaker or full check only to a trusted provider,
                // or, while no provider that may take it is trusted, to the most trusted of the others (see bar).
                Set<ProviderId> excluded = new HashSet<>();
                for (SimResult r : t.results) excluded.add(r.provider().id());
                Integer bar = bars.get(t);
                Set<ProviderId> only = bar == null || bar == 0 ? null : onlyByBar.computeIfAbsent(bar, b -> qualified(free, b));
                tasks.add(new MarketSnapshot.PendingTask(t.id, t.requirements, t.job.runtimes.median(), t.record.lastFailedProvider(),
                        excluded, only));
            }
            byTask.put(t.id, t);
        }
        Plan plan = Matcher.plan(new MarketSnapshot(providers, tasks), at);
        List<Placed> out = new ArrayList<>(plan.assignments().size());
        Map<TaskId, MarketSnapshot.PendingTask> asked = HashMap.newHashMap(tasks.size());
        for (MarketSnapshot.PendingTask t : tasks) asked.put(t.task(), t);
        for (Assignment a : plan.assignments()) {
            // The plan is checked as the coordinator checks it: a replica is never placed where its task ran already.
            if (!asked.get(a.task()).allows(a.provider())) throw new IllegalStateException("the matcher placed " + a.task() + " on " + a.provider()
                    + ", which its exclusions forbid");
            out.add(new Placed(byTask.get(a.task()), byId.get(a.provider())));
        }
        return out;
    }

    /**
     * The providers the matcher gets to choose from: cheapest (by cached expected cost) first, until each requirements
     * of the batch has {@link #CHOICE} times as many fitting free slots as it has tasks, plus {@link #SPARE}. The matcher
     * would pick among these anyway; the rest of a 10,000-provider fleet only costs it a sort. Quarantined providers
     * are left out, as the matcher would skip them.
     */
    private static List<SimProvider> candidates(List<SimTask> pending, FreePool pool, long now, Map<SimTask, Integer> bars, int lowestBar) {
        Map<Requirements, int[]> need = new LinkedHashMap<>();
        int trustedNeed = 0;
        for (SimTask t : pending) {
            need.computeIfAbsent(t.requirements, r -> new int[] {SPARE})[0] += CHOICE;
            Integer bar = bars.get(t);
            if (bar != null && bar > 0) trustedNeed += CHOICE;
        }
        if (trustedNeed > 0) trustedNeed += SPARE;
        int unmet = need.size() + (trustedNeed > 0 ? 1 : 0);
        List<SimProvider> out = new ArrayList<>();
        for (SimProvider p : pool.cheapestFirst()) {
            if (p.benched(now)) continue;
            // Checks that only trusted (or the most trusted) providers may run need such ones among the candidates, however dear.
            if (trustedNeed > 0 && qualifies(p, lowestBar)) {
                out.add(p);
                trustedNeed -= p.freeSlots();
                if (trustedNeed <= 0) unmet--;
                for (var e : need.entrySet()) {
                    if (e.getValue()[0] > 0 && Placement.misfit(p.offer, e.getKey()).isEmpty() && (e.getValue()[0] -= p.freeSlots()) <= 0) unmet--;
                }
                if (unmet == 0) break;
                continue;
            }
            boolean wanted = false;
            for (var e : need.entrySet()) {
                int[] n = e.getValue();
                if (n[0] <= 0 || Placement.misfit(p.offer, e.getKey()).isPresent()) continue;
                wanted = true;
                n[0] -= p.freeSlots();
                if (n[0] <= 0) unmet--;
            }
            if (wanted) out.add(p);
            if (unmet == 0) break;
        }
        return out;
    }

    /**
     * Who may take {@code t}, a check that needs a trusted provider, as the coordinator's {@code Exclusions} decides it:
     * {@link #TRUSTED_ONLY} while any provider that did not run it is trusted (busy or not: the check waits for one);
     * else, in a young network, the most trusted of the others, i.e. the least run of agreeing results a provider needs,
     * half the longest among the others (rounded up), so that one busy leader does not hold the check up; 0 (anyone)
     * when nobody has such a run.
     */
    private static int bar(SimTask t, TrustBoard trusts) {
        Set<SimProvider> ran = new HashSet<>();
        for (SimResult r : t.results) ran.add(r.provider());
        if (trusts.anyTrustedBut(ran)) return TRUSTED_ONLY;
        return trusts.longestRunBut(ran);
    }

    /** Whether {@code p} may take a check of bar {@code bar} (0 = anyone): trusted, or at least half the longest run. */
    private static boolean qualifies(SimProvider p, int bar) {
        return bar == TRUSTED_ONLY ? p.trust.trusted() : p.trust.trusted() || 2L * p.trust.consecutiveValid() >= bar;
    }

    private static Set<ProviderId> qualified(List<SimProvider> free, int bar) {
        Set<ProviderId> out = new HashSet<>();
        for (SimProvider p : free) {
            if (qualifies(p, bar)) out.add(p.id());
        }
        return out;
    }

    /** The bar of a check while some provider that may take it is trusted: only trusted ones. */
    private static final int TRUSTED_ONLY = Integer.MAX_VALUE;

    /** Candidates per task: room for the spread window and for passing over the provider that failed a task last. */
    static final int CHOICE = 3;
    static final int SPARE = 8;
}
