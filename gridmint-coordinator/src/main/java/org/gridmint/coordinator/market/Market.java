package org.gridmint.coordinator.market;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.gridmint.coordinator.store.JobRecord;
import org.gridmint.coordinator.store.ProviderRecord;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.market.MarketSnapshot;
import org.gridmint.core.market.Matcher;
import org.gridmint.core.market.NetworkPrior;
import org.gridmint.core.market.Plan;
import org.gridmint.core.market.ProviderEvidence;
import org.gridmint.core.market.Quarantine;
import org.gridmint.core.market.Reputation;
import org.gridmint.core.market.Unplaced;
import org.gridmint.core.scheduling.ProviderSnapshot;
import org.gridmint.core.scheduling.Requirements;

/**
 * Feeds core's {@link Matcher} from the store and remembers what it said: each provider's reputation (from its
 * attempts, re-read at most once per {@link #EVIDENCE_TTL}), why each provider was last skipped, and why a job's
 * tasks wait. Thread-safe; the plans themselves are pure.
 */
public final class Market {
    /** How stale the reputations may be: re-reading every provider's history on every claim would cost more than it tells. */
    public static final Duration EVIDENCE_TTL = Duration.ofSeconds(1);
    /** Far enough ahead to stand for "until the operator releases it". */
    private static final Instant OPERATOR_QUARANTINE = Instant.parse("9999-12-31T00:00:00Z");

    private final Duration heartbeatInterval;
    private final InstantSource clock;
    private final Map<ProviderId, String> skips = new ConcurrentHashMap<>();
    private volatile Reputations reputations;

    private record Reputations(Instant at, Map<ProviderId, Reputation> byProvider, NetworkPrior prior) {}

    public Market(Duration heartbeatInterval, InstantSource clock) {
        this.heartbeatInterval = heartbeatInterval;
        this.clock = clock;
    }

    /** Every registered provider as the matcher sees it at {@code now}, with its free slots and reputation. */
    public List<MarketSnapshot.Provider> providers(StoreTx tx, Instant now) {
        Reputations r = reputations(tx, now);
        Map<ProviderId, Integer> active = tx.activeAttemptCounts();
        Map<ProviderId, Quarantine> benched = tx.quarantines();
        java.util.Set<ProviderId> draining = tx.drainingProviders();
        // What each provider has at stake, for jobs that require a minimum (one read of the stake balances per claim).
        Map<ProviderId, org.gridmint.core.money.Credits> stakes = org.gridmint.coordinator.stake.Stakes.all(tx);
        List<MarketSnapshot.Provider> out = new ArrayList<>();
        for (ProviderRecord p : tx.providers()) {
            int free = Math.max(0, p.slots() - active.getOrDefault(p.id(), 0));
            Reputation rep = r.byProvider().getOrDefault(p.id(), Reputation.newcomer(r.prior()));
            out.add(MarketSnapshot.Provider.at(snapshot(p, stakes.getOrDefault(p.id(), org.gridmint.core.money.Credits.ZERO)), free, rep, p.lastSeenAt(), quarantinedUntil(p, benched.get(p.id())),
                    draining.contains(p.id()), heartbeatInterval, now));
        }
        return out;
    }

    /** Plans {@code pending} over the current providers and remembers the skips it gives. */
    public Plan plan(StoreTx tx, List<MarketSnapshot.PendingTask> pending, Instant now) {
        return plan(providers(tx, now), pending, now);
    }

    /** Plans {@code pending} over {@code providers} (from {@link #providers}) and remembers the skips it gives. */
    public Plan plan(List<MarketSnapshot.Provider> providers, List<MarketSnapshot.PendingTask> pending, Instant now) {
        Plan plan = Matcher.plan(new MarketSnapshot(providers, pending), now);
        plan.skips().forEach((p, s) -> skips.put(p, s.text()));
        return plan;
    }

    /** Free slots of the providers that may get work now: how many pending tasks one plan can place at most. */
    public static int placeable(List<MarketSnapshot.Provider> providers) {
        int n = 0;
        for (var p : providers) if (p.health() == org.gridmint.core.market.Health.HEALTHY) n += p.freeSlots();
        return n;
    }

    /** A pending task of {@code job} for the matcher. The timeout stands in for its duration: only the ranking matters. */
    public static MarketSnapshot.PendingTask pending(JobRecord job, TaskId task, ProviderId lastFailed) {
        return new MarketSnapshot.PendingTask(task, Requirements.of(job.spec()), job.spec().timeout().toMillis(), lastFailed);
    }

    /**
     * A pending task of {@code job} that may not run on {@code excluded}, and, when {@code only} is not null, only on those
     * providers (a replica of a verified task: see {@code coordinator.verify.Exclusions}).
     */
    public static MarketSnapshot.PendingTask pending(JobRecord job, TaskId task, ProviderId lastFailed, java.util.Set<ProviderId> excluded,
                                                     java.util.Set<ProviderId> only) {
        return new MarketSnapshot.PendingTask(task, Requirements.of(job.spec()), job.spec().timeout().toMillis(), lastFailed, excluded, only);
    }

    /** Why the job's pending tasks would wait if placed now, in words; empty when a provider would take one. */
    public Optional<String> waiting(StoreTx tx, JobRecord job, Instant now) {
        return waiting(tx, pending(job, new TaskId(job.id(), 0), null), now);
    }

    /** Why {@code probe} (a pending task, with its restrictions) would wait if placed now, in words; empty when a provider would take it. */
    public Optional<String> waiting(StoreTx tx, MarketSnapshot.PendingTask probe, Instant now) {
        Plan plan = Matcher.plan(new MarketSnapshot(providers(tx, now), List.of(probe)), now);
        return plan.unplaced().stream().findFirst().map(Unplaced::describe);
    }

    /** The end of the provider's quarantine: the operator's lasts until released, the automatic one ends by itself; null if none. */
    public static Instant quarantinedUntil(ProviderRecord p, Quarantine automatic) {
        if (p.quarantined()) return OPERATOR_QUARANTINE;
        return automatic == null ? null : automatic.until();
    }

    /** Why the provider was last passed over for a task it fits, or empty. */
    public Optional<String> lastSkip(ProviderId provider) {
        return Optional.ofNullable(skips.get(provider));
    }

    /** The provider's reputation as the market holds it now. */
    public Reputation reputation(StoreTx tx, ProviderId provider) {
        Reputations r = reputations(tx, clock.instant());
        return r.byProvider().getOrDefault(provider, Reputation.newcomer(r.prior()));
    }

    private Reputations reputations(StoreTx tx, Instant now) {
        Reputations r = reputations;
        if (r != null && !now.isAfter(r.at().plus(EVIDENCE_TTL)) && !now.isBefore(r.at())) return r;
        Map<ProviderId, ProviderEvidence> evidence = tx.providerEvidence();
        NetworkPrior prior = NetworkPrior.of(evidence.values());
        Map<ProviderId, Reputation> by = new ConcurrentHashMap<>();
        evidence.forEach((p, e) -> by.put(p, Reputation.estimate(e, prior)));
        r = new Reputations(now, by, prior);
        reputations = r;
        return r;
    }

    public static ProviderSnapshot snapshot(ProviderRecord p) {
        return snapshot(p, org.gridmint.core.money.Credits.ZERO);
    }

    /**
     * The provider as the matcher sees it, with {@code stake} staked (for jobs that require a minimum stake) and the names of
     * the models it serves (an embed job's tasks go only to a provider serving its model).
     */
    public static ProviderSnapshot snapshot(ProviderRecord p, org.gridmint.core.money.Credits stake) {
        return new ProviderSnapshot(p.id(), p.cpus(), p.memoryMb(),
                p.gpus().stream().map(g -> new ProviderSnapshot.Gpu(g.model(), g.memoryMb())).toList(), p.region(), p.asks(), p.slots(), stake,
                java.util.Set.copyOf(p.modelNames()));
    }

    /**
     * The price per hour that {@code p} agrees to run a task of {@code job} for, from its asks now (what the plan ranked
     * it by), or null when it cannot run it. Recorded on the attempt, it is what the task pays whatever the asks later.
     */
    public static org.gridmint.core.money.Credits agreedAsk(ProviderRecord p, JobRecord job) {
        return snapshot(p).hourlyPrice(job.spec().resources());
    }
}
