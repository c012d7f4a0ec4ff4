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
import org.gridmint.core.market.MarketSnapshot;
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
    private final Map<JobId, Map<Integer, List<TaskResult>>> pendingResults = new HashMap<>();
    private Map<ProviderId, String> owners;
    private Map<ProviderId, Trust> trusts;
    private final Map<org.gridmint.core.ids.TaskId, MarketSnapshot.PendingTask> asked = new HashMap<>();

    /** What restricts one task: the providers it may never run on, and, when not null, the only ones it may run on. */
    public record Restriction(Set<ProviderId> excluded, Set<ProviderId> only) {
        public static final Restriction NONE = new Restriction(Set.of(), null);
    }

    public Exclusions(StoreTx tx) {
        this.tx = tx;
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
        Set<ProviderId> only = new LinkedHashSet<>();
        owners().forEach((p, o) -> {
            boolean trusted = trusts().getOrDefault(p, Trust.NONE).trusted() || job.owner().equals(o);
            if (trusted && !excluded.contains(p)) only.add(p);
        });
        return new Restriction(excluded, only);
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
