package org.gridmint.coordinator.verify;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmint.coordinator.market.Market;
import org.gridmint.coordinator.store.JobRecord;
import org.gridmint.coordinator.store.ProviderRecord;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.coordinator.store.TaskResult;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.market.Health;
import org.gridmint.core.market.MarketSnapshot;
import org.gridmint.core.scheduling.Constraint;
import org.gridmint.core.scheduling.ProviderSnapshot;
import org.gridmint.core.scheduling.Requirements;
import org.gridmint.core.scheduling.TaskRecord;
import org.gridmint.core.verify.Partner;
import org.gridmint.core.verify.TaskVerification;
import org.gridmint.core.verify.Trust;

/**
 * Where a verified task's next result may run, for one claim (or one job view): never on a provider that ran the task,
 * nor on one sharing an owner with any provider that did (colluders under one account must never form a quorum), and,
 * when the task's plan asks for a trusted partner, only on trusted providers (a provider of the job's own client counts
 * as trusted for it). Reads lazily and at most once per claim: the results of a verified job's pending tasks, the
 * providers' owners and their trust.
 */
public final class Exclusions {
    private final StoreTx tx;
    /** The offers of the providers that are up (healthy or suspect). */
    private final Map<ProviderId, ProviderSnapshot> up;
    private final Map<JobId, Map<Integer, List<TaskResult>>> pendingResults = new HashMap<>();
    private Map<ProviderId, String> owners;
    private Map<ProviderId, Trust> trusts;
    private final Map<org.gridmint.core.ids.TaskId, MarketSnapshot.PendingTask> asked = new HashMap<>();

    /** What restricts one task: the providers it may never run on, and, when not null, the only ones it may run on. */
    public record Restriction(Set<ProviderId> excluded, Set<ProviderId> only) {
        public static final Restriction NONE = new Restriction(Set.of(), null);
    }

    /**
     * @param offers the market's providers now: a check waits for a trusted provider only while one of them is up (healthy
     *     or suspect); trusted providers that are lost, quarantined or draining do not hold it up, and then it goes to the
     *     most trusted of those that are up
     */
    public Exclusions(StoreTx tx, List<MarketSnapshot.Provider> offers) {
        this.tx = tx;
        this.up = new HashMap<>();
        for (MarketSnapshot.Provider p : offers) {
            if (p.health() == Health.HEALTHY || p.health() == Health.SUSPECT) up.put(p.id(), p.offer());
        }
    }

    /** The pending task for the matcher, with its restriction when its job verifies and it already has results. */
    public MarketSnapshot.PendingTask pending(JobRecord job, TaskRecord t) {
        MarketSnapshot.PendingTask known = asked.get(t.id());
        if (known != null && java.util.Objects.equals(known.lastFailedProvider(), t.lastFailedProvider())) return known;
        Restriction r = Verifier.verifies(job) ? forPending(job, t) : Restriction.NONE;
        MarketSnapshot.PendingTask p = Market.pending(job, t.id(), t.lastFailedProvider(), r.excluded(), r.only());
        asked.put(t.id(), p);
        return p;
    }

    /** The restriction of a pending task of a verified job (none when it has no result yet). */
    public Restriction forPending(JobRecord job, TaskRecord t) {
        List<TaskResult> results = pendingResults.computeIfAbsent(job.id(), tx::pendingResults).getOrDefault(t.id().index(), List.of());
        if (results.isEmpty()) return Restriction.NONE;
        Set<ProviderId> ran = new LinkedHashSet<>();
        for (TaskResult r : results) ran.add(r.provider());
        TaskVerification plan = tx.verification(t.id()).orElse(null);
        return restriction(job, ran, plan != null && plan.partner() == Partner.TRUSTED);
    }

    /**
     * The restriction of a backup of a running task of a verified job: a backup is a replica, so it never runs on a
     * provider that ran or runs the task, or shares an owner with one; on trusted providers only when the plan says so.
     */
    public Restriction forBackup(JobRecord job, org.gridmint.core.ids.TaskId task, Collection<ProviderId> running) {
        if (!Verifier.verifies(job)) return Restriction.NONE;
        Set<ProviderId> ran = new LinkedHashSet<>(running);
        for (TaskResult r : tx.results(task)) ran.add(r.provider());
        TaskVerification plan = tx.verification(task).orElse(null);
        return restriction(job, ran, plan != null && plan.partner() == Partner.TRUSTED);
    }

    private Restriction restriction(JobRecord job, Set<ProviderId> ran, boolean trustedOnly) {
        Set<String> ownersThatRan = new HashSet<>();
        for (ProviderId p : ran) {
            String o = owners().get(p);
            if (o != null) ownersThatRan.add(o);
        }
        Set<ProviderId> excluded = new LinkedHashSet<>(ran);
        owners().forEach((p, o) -> {
            if (ownersThatRan.contains(o)) excluded.add(p);
        });
        if (!trustedOnly) return new Restriction(excluded, null);
        Requirements req = Requirements.of(job.spec());
        Set<ProviderId> only = new LinkedHashSet<>();
        boolean anyCanTake = false;
        for (var e : owners().entrySet()) {
            ProviderId p = e.getKey();
            boolean trusted = trusts().getOrDefault(p, Trust.NONE).trusted() || job.owner().equals(e.getValue());
            if (trusted && !excluded.contains(p)) {
                only.add(p);
                anyCanTake |= canTake(p, req);
            }
        }
        return new Restriction(excluded, anyCanTake ? only : mostTrusted(excluded, req));
    }

    /** Whether {@code p} is up and fits the job (resources, region, price cap, stake): a check placed on it could run. */
    private boolean canTake(ProviderId p, Requirements req) {
        ProviderSnapshot offer = up.get(p);
        if (offer == null) return false;
        for (Constraint c : Constraint.values()) {
            if (c.failedBy(offer, req)) return false;
        }
        return true;
    }

    /**
     * Where a check goes while no provider that may run it is trusted yet (a young network), or none of the trusted ones
     * is up and fits the job: to the most trusted of the others that are up and fit it, as the tie-breaker rule says, rather than waiting for trust that only checks can build. "Most" is
     * every eligible provider with at least half the longest run of agreeing results among them, so that one busy or
     * silent leader does not hold the check up; a provider that has just lost a verdict (run 0) is never among them while
     * any other has agreed at least once. With no run anywhere, any eligible provider may take it (null).
     */
    private Set<ProviderId> mostTrusted(Set<ProviderId> excluded, Requirements req) {
        int best = 0;
        for (ProviderId p : owners().keySet()) {
            if (!excluded.contains(p) && canTake(p, req)) best = Math.max(best, trusts().getOrDefault(p, Trust.NONE).consecutiveValid());
        }
        if (best == 0) return null;
        Set<ProviderId> top = new LinkedHashSet<>();
        for (ProviderId p : owners().keySet()) {
            if (!excluded.contains(p) && canTake(p, req) && 2 * trusts().getOrDefault(p, Trust.NONE).consecutiveValid() >= best) top.add(p);
        }
        return top;
    }

    private Map<ProviderId, String> owners() {
        if (owners == null) {
            owners = new HashMap<>();
            for (ProviderRecord p : tx.providers()) owners.put(p.id(), p.owner());
        }
        return owners;
    }

    private Map<ProviderId, Trust> trusts() {
        if (trusts == null) trusts = tx.trusts();
        return trusts;
    }
}
