package org.gridmint.coordinator.providers;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gridmint.api.Assignment;
import org.gridmint.api.AttemptView;
import org.gridmint.api.BlobRef;
import org.gridmint.api.CheckpointRequest;
import org.gridmint.api.CheckpointView;
import org.gridmint.api.ClaimRequest;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.FailRequest;
import org.gridmint.api.HeartbeatRequest;
import org.gridmint.api.HeartbeatResponse;
import org.gridmint.api.ProblemTypes;
import org.gridmint.api.ResourcesView;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.Ids;
import org.gridmint.coordinator.WorkSignal;
import org.gridmint.coordinator.blobs.BlobStore;
import org.gridmint.coordinator.jobs.JobProgress;
import org.gridmint.coordinator.jobs.LiveAttempts;
import org.gridmint.coordinator.market.Faults;
import org.gridmint.coordinator.market.Market;
import org.gridmint.coordinator.jobs.Views;
import org.gridmint.coordinator.store.AttemptLogs;
import org.gridmint.coordinator.store.CheckpointRecord;
import org.gridmint.coordinator.store.JobRecord;
import org.gridmint.coordinator.store.ProviderRecord;
import org.gridmint.coordinator.store.Store;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.core.lifecycle.TaskState;
import org.gridmint.core.scheduling.AttemptRecord;
import org.gridmint.core.market.MarketSnapshot;
import org.gridmint.core.scheduling.TaskRecord;
import org.gridmint.core.scheduling.TaskRules;
import org.gridmint.core.spec.FieldError;
import org.gridmint.core.spec.JobSpec;

/**
 * The work loop's server side: providers claim tasks, heartbeat their attempts and report how they ended.
 *
 * <p>Concurrency: each call is one store transaction; task updates are compare-and-set, so two providers
 * racing for one task cannot both get it (the loser's claim simply skips it). Claims long-poll on a
 * {@link WorkSignal} outside any transaction.
 *
 * <p>Failure modes: a provider may report on an attempt it no longer holds (its lease expired, the job was
 * cancelled); it gets 409 with the attempt's state and must drop the work. A completion repeated after a
 * lost answer is answered again without changing anything. Every call acts for the signed caller, which must own
 * the provider it claims for or that holds the attempt (403 otherwise); a quarantined provider's claims get 403.
 */
public final class WorkService {
    private static final int CANDIDATES_PER_SLOT = 32;
    /** The state a draining provider's refused claim names, which tells its agent to drain. */
    public static final String DRAINING = org.gridmint.core.market.Health.DRAINING.name();

    private final Store store;
    private final BlobStore blobs;
    private final InstantSource clock;
    private final CoordinatorConfig config;
    private final WorkSignal work;
    private final ProviderService providers;
    private final Market market;
    private final org.gridmint.coordinator.Metrics metrics;
    private final Speculator speculator;
    private final org.gridmint.coordinator.verify.Verifier verifier;
    /** Specs never change once accepted: cache them so a claim does not re-read and re-validate them. */
    private final Map<JobId, JobRecord> jobCache = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public WorkService(Store store, BlobStore blobs, InstantSource clock, CoordinatorConfig config, WorkSignal work, ProviderService providers,
                       Market market, org.gridmint.coordinator.Metrics metrics) {
        this(store, blobs, clock, config, work, providers, market, metrics, new java.security.SecureRandom());
    }

    /** @param verifyRandom the coordinator's generator for verification plans' draws (seeded in tests) */
    public WorkService(Store store, BlobStore blobs, InstantSource clock, CoordinatorConfig config, WorkSignal work, ProviderService providers,
                       Market market, org.gridmint.coordinator.Metrics metrics, java.util.random.RandomGenerator verifyRandom) {
        this.verifier = new org.gridmint.coordinator.verify.Verifier(blobs, config, metrics, verifyRandom);
        this.store = store;
        this.blobs = blobs;
        this.clock = clock;
        this.config = config;
        this.work = work;
        this.providers = providers;
        this.market = market;
        this.metrics = metrics;
        this.speculator = new Speculator(config.lease());
    }

    /** Hands up to {@code maxTasks} tasks to the provider, waiting up to {@code waitMillis} (capped at one heartbeat interval). */
    public List<Assignment> claim(AccountId caller, String providerId, ClaimRequest request) throws InterruptedException {
        ProviderId pid = parseProvider(providerId);
        if (request.maxTasks() < 1 || request.maxTasks() > 1024)
            throw new CoordinatorException.Invalid("maxTasks", "must be between 1 and 1024, was " + request.maxTasks());
        if (request.waitMillis() < 0 || request.waitMillis() > 600_000)
            throw new CoordinatorException.Invalid("waitMillis", "must be between 0 and 600000, was " + request.waitMillis());
        long wait = Math.min(request.waitMillis(), config.heartbeatInterval().toMillis());
        long start = System.nanoTime();
        long deadline = start + wait * 1_000_000L;
        try {
            while (true) {
                long seen = work.generation();
                if (closed) return List.of();
                List<Assignment> got = tryClaim(caller, pid, request.maxTasks());
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (!got.isEmpty() || left <= 0) {
                    metrics.assigned(got.size());
                    return got;
                }
                work.await(seen, left);
            }
        } finally {
            metrics.claims().record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    /** Ends every waiting claim with no work, and answers later claims so; called as the coordinator stops. */
    public void close() {
        closed = true;
        work.signal();
    }

    List<Assignment> tryClaim(AccountId caller, ProviderId pid, int maxTasks) {
        Instant now = clock.instant();
        return store.inTransaction(tx -> {
            ProviderRecord p = tx.provider(pid).orElseThrow(() -> new CoordinatorException.NotFound("provider", pid));
            ProviderService.requireOwner(p, caller, "claim work for");
            if (p.quarantined())
                throw new CoordinatorException.Forbidden(ProblemTypes.QUARANTINED, "provider " + pid + " is quarantined by the operator"
                        + (p.quarantineReason() == null ? "" : ": " + p.quarantineReason()) + "; it gets no work");
            if (tx.draining(pid))
                throw new CoordinatorException.Conflict("provider " + pid + " is draining at its owner's request: it gets no new work;"
                        + " hand back the running tasks and stop (registering again ends the drain)", DRAINING);
            tx.touchProvider(pid, now);
            int free = Math.min(maxTasks, p.slots() - tx.activeAttemptsOf(pid).size());
            if (free <= 0) return List.of();
            // The plan can place at most as many tasks as healthy providers have free slots, so the window need not be
            // larger: reading and planning 32 candidates per slot for every claim cost more than it bought.
            List<MarketSnapshot.Provider> offers = market.providers(tx, now);
            int window = Math.min(free * CANDIDATES_PER_SLOT, Math.max(free, Market.placeable(offers)));
            List<TaskRecord> pending = tx.pendingTasks(window);
            var exclusions = new org.gridmint.coordinator.verify.Exclusions(tx, offers);
            // Tasks waiting for a replica that this provider may not run hold places in the window without being placeable
            // here: look as much further, or tasks behind them would starve while the replicas wait.
            int barred = 0;
            for (TaskRecord t : pending) if (!exclusions.pending(cachedJob(tx, t.id().job()), t).allows(pid)) barred++;
            if (barred > 0 && pending.size() == window) {
                window = Math.min(free * CANDIDATES_PER_SLOT + barred, window + barred);
                pending = tx.pendingTasks(window);
            }
            List<Assignment> out = new ArrayList<>();
            if (!pending.isEmpty()) out.addAll(assignPending(tx, p, free, pending, offers, exclusions, now));
            // Backups only after pending work had its turn: with every pending task seen and placed, a free slot left
            // here may race a straggler instead of idling.
            if (out.size() < free && pending.size() < window) {
                for (var b : speculator.claim(tx, p, free - out.size(), offers, now))
                    out.add(assignment(tx, b.job(), b.attempt(), resumePoint(tx, b.attempt(), b.job(), true)));
            }
            return out;
        });
    }

    private List<Assignment> assignPending(StoreTx tx, ProviderRecord p, int free, List<TaskRecord> pending, List<MarketSnapshot.Provider> offers,
                                           org.gridmint.coordinator.verify.Exclusions exclusions, Instant now) {
        ProviderId pid = p.id();
        Map<org.gridmint.core.ids.TaskId, TaskRecord> byId = new LinkedHashMap<>();
        Map<org.gridmint.core.ids.TaskId, MarketSnapshot.PendingTask> asked = new LinkedHashMap<>();
        List<MarketSnapshot.PendingTask> tasks = new ArrayList<>(pending.size());
        // A verified task waiting for a replica may not go to a provider that ran it or shares an owner with one that did.
        for (TaskRecord t : pending) {
            byId.put(t.id(), t);
            var task = exclusions.pending(cachedJob(tx, t.id().job()), t);
            tasks.add(task);
            asked.put(t.id(), task);
        }
        // The whole market is planned, and this provider takes what the plan gives it: a task that another provider
        // would run at a lower expected cost is left for that one, which claims it on its next poll.
        List<org.gridmint.core.ids.TaskId> mine = market.plan(offers, tasks, now).forProvider(pid);
        List<Assignment> out = new ArrayList<>();
        var touchedJobs = new java.util.LinkedHashSet<JobId>();
        for (var taskId : mine.subList(0, Math.min(free, mine.size()))) {
            TaskRecord t = byId.get(taskId);
            // Re-checked as the plan is applied: a replica never lands where its exclusions forbid, whatever the plan says.
            if (!asked.get(taskId).allows(pid)) continue;
            var step = TaskRules.assign(t, Ids.attempt(), pid, now, config.lease(), Market.agreedAsk(p, cachedJob(tx, taskId.job())));
            if (!tx.updateTask(t, step.task())) continue;
            tx.insertAttempt(step.attempt());
            touchedJobs.add(taskId.job());
            out.add(assignment(tx, cachedJob(tx, taskId.job()), step.attempt(), resumePoint(tx, step.attempt(), cachedJob(tx, taskId.job()), false)));
        }
        for (JobId j : touchedJobs) JobProgress.afterTaskChange(tx, j, TaskState.ASSIGNED, now);
        return out;
    }

    public HeartbeatResponse heartbeat(AccountId caller, String attemptId, HeartbeatRequest r) {
        AttemptId aid = parseAttempt(attemptId);
        ProviderId pid = caller(r.providerId());
        if (r.progress() != null && r.progress().length() > 1000) throw new CoordinatorException.Invalid("progress", "must be at most 1000 characters");
        Instant now = clock.instant();
        return store.inTransaction(tx -> {
            AttemptRecord a = held(tx, aid, pid, caller);
            org.gridmint.coordinator.market.Evidence.heartbeat(tx, pid, now, config.heartbeatInterval());
            Boolean drain = tx.draining(pid) ? Boolean.TRUE : null;
            if (a.state() == AttemptState.CANCELLED) return new HeartbeatResponse(a.state().name(), true, a.leaseExpiresAt(), drain);
            requireActive(a);
            TaskRecord t = tx.task(a.task()).orElseThrow();
            var step = TaskRules.heartbeat(t, a, r.progress(), now, config.lease());
            if (!step.task().equals(t) && !tx.updateTask(t, step.task()))
                throw new CoordinatorException.Conflict("task " + t.id() + " changed while heartbeating", t.state().name());
            tx.updateAttempt(step.attempt());
            if (t.state() != step.task().state()) JobProgress.afterTaskChange(tx, t.id().job(), step.task().state(), now);
            return new HeartbeatResponse(step.attempt().state().name(), false, step.attempt().leaseExpiresAt(), drain);
        });
    }

    public AttemptView complete(AccountId caller, String attemptId, CompleteRequest r) {
        AttemptId aid = parseAttempt(attemptId);
        ProviderId pid = caller(r.providerId());
        List<BlobRef> outputs = r.outputs() == null ? List.of() : r.outputs();
        checkBlobs(outputs, r.stdout(), r.stderr());
        if (r.runtimeMillis() < 0) throw new CoordinatorException.Invalid("runtimeMillis", "must be >= 0, was " + r.runtimeMillis());
        if (r.exitCode() != 0) throw new CoordinatorException.Invalid("exitCode", "a completed attempt exits 0; report exit " + r.exitCode() + " with /fail and reason EXIT_NONZERO");
        Instant now = clock.instant();
        int[] superseded = {0};
        boolean[] verified = {false};
        boolean[] refused = {false};
        AttemptView v;
        try {
            v = store.inTransaction(tx -> {
                superseded[0] = 0;
                refused[0] = false;
                AttemptRecord a = held(tx, aid, pid, caller);
                tx.touchProvider(pid, now);
                // A rejected attempt also reported its result once: a repeated report is answered with its state.
                if (a.state() == AttemptState.SUCCEEDED || a.state() == AttemptState.REJECTED) return Views.attempt(a);
                requireActive(a);
                JobRecord job = cachedJob(tx, a.task().job());
                if (job.spec().embeds()) {
                    refused[0] = true;
                    org.gridmint.coordinator.jobs.EmbedResults.checkTaskOutput(blobs, tx.shard(a.task()).orElseThrow(), outputs,
                            org.gridmint.embed.ModelCatalog.require(job.spec().embed().model()).dimensions());
                    refused[0] = false;
                }
                if (org.gridmint.coordinator.verify.Verifier.verifies(job)) {
                    var reported = verifier.onResult(tx, job, a, outputs, r.runtimeMillis(), r.exitCode(), now);
                    Faults.succeeded(tx, a.provider());
                    org.gridmint.coordinator.market.Evidence.completed(tx, a, r.runtimeMillis(), now);
                    if (r.stdout() != null || r.stderr() != null) tx.saveLogs(new AttemptLogs(aid, r.stdout(), r.stderr()));
                    if (reported.superseded()) superseded[0]++;
                    verified[0] = true;
                    return Views.attempt(reported.attempt());
                }
                TaskRules.Outcome step;
                // A backup may join the task between reading it and writing it: then read again and race it.
                for (int tries = 1; ; tries++) {
                    var race = LiveAttempts.of(tx, a);
                    step = TaskRules.succeed(race.task(), a, race.other(), r.exitCode(), now);
                    if (tx.updateTask(race.task(), step.task())) break;
                    if (tries == 3) throw new CoordinatorException.Conflict("task " + a.task() + " changed meanwhile", race.task().state().name());
                    a = tx.attempt(aid).orElseThrow();
                    requireActive(a);
                }
                TaskRecord t = step.task();
                tx.updateAttempt(step.attempt());
                // The first valid result wins: the other attempt is superseded, unpaid, and told so on its next heartbeat.
                if (step.other() != null) tx.updateAttempt(step.other());
                tx.insertOutputs(t.id(), outputs);
                // Paid before the job can end below, so that its refund is what the payment left.
                org.gridmint.coordinator.ledger.JobAccounting.payTask(tx, job, a, tx.provider(a.provider()).orElseThrow(),
                        r.runtimeMillis(), config.fee(), now);
                Faults.succeeded(tx, a.provider());
                org.gridmint.coordinator.market.Evidence.completed(tx, a, r.runtimeMillis(), now);
                if (r.stdout() != null || r.stderr() != null) tx.saveLogs(new AttemptLogs(aid, r.stdout(), r.stderr()));
                JobProgress.afterTaskChange(tx, t.id().job(), step.task().state(), now);
                if (step.other() != null) superseded[0]++;
                return Views.attempt(step.attempt());
            });
        } catch (CoordinatorException.Invalid e) {
            if (refused[0]) failRefusedOutput(caller, attemptId, r, e);
            throw e;
        }
        metrics.succeeded();
        if (superseded[0] > 0) metrics.ended(AttemptReason.SUPERSEDED);
        // A verified task may wait for a replica now (or a full check reopened some): waiting claims look again.
        if (verified[0]) work.signal();
        return v;
    }

    /**
     * Ends an attempt whose embed output was refused as the provider's runtime's fault (RUNTIME_ERROR): its output can never
     * be served, so the task is requeued now instead of when the lease runs out, and the agent's next report learns it
     * ended. The refusal is still what the caller is answered, whatever happens here.
     */
    private void failRefusedOutput(AccountId caller, String attemptId, CompleteRequest r, CoordinatorException.Invalid refusal) {
        String message = "its output was refused: " + refusal.getMessage();
        if (message.length() > 4000) message = message.substring(0, 4000);
        try {
            fail(caller, attemptId, new FailRequest(r.providerId(), AttemptReason.RUNTIME_ERROR.name(), message, null, null, null,
                    r.runtimeMillis(), null));
        } catch (CoordinatorException e) {
            // Already ended meanwhile (cancelled, expired, superseded): nothing is left to fail.
        }
    }

    public AttemptView fail(AccountId caller, String attemptId, FailRequest r) {
        AttemptId aid = parseAttempt(attemptId);
        ProviderId pid = caller(r.providerId());
        AttemptReason reason = parseReason(r.reason());
        if (r.message() != null && r.message().length() > 4000) throw new CoordinatorException.Invalid("message", "must be at most 4000 characters");
        checkBlobs(List.of(), r.stdout(), r.stderr());
        Instant now = clock.instant();
        AttemptView v = store.inTransaction(tx -> {
            AttemptRecord a = held(tx, aid, pid, caller);
            tx.touchProvider(pid, now);
            if (a.state().isFinal() && a.reason() == reason) return Views.attempt(a);
            requireActive(a);
            JobRecord job = cachedJob(tx, a.task().job());
            TaskRules.Outcome step;
            // With another live attempt the task runs on with it; without, it is requeued (or fails) as always.
            for (int tries = 1; ; tries++) {
                var race = LiveAttempts.of(tx, a);
                step = TaskRules.endAttempt(race.task(), a, race.other(), reason, r.message(), r.exitCode(), job.spec().retries(), now);
                if (tx.updateTask(race.task(), step.task())) break;
                if (tries == 3) throw new CoordinatorException.Conflict("task " + a.task() + " changed meanwhile", race.task().state().name());
                a = tx.attempt(aid).orElseThrow();
                requireActive(a);
            }
            TaskRecord t = step.task();
            tx.updateAttempt(step.attempt());
            if (r.stdout() != null || r.stderr() != null) tx.saveLogs(new AttemptLogs(aid, r.stdout(), r.stderr()));
            Faults.ended(tx, a.provider(), reason, now);
            JobProgress.afterTaskChange(tx, t.id().job(), step.task().state(), now);
            return Views.attempt(step.attempt());
        });
        metrics.ended(reason);
        work.signal();
        return v;
    }

    /**
     * Records the latest checkpoint of an attempt's task, if it is not older than the one stored from the same
     * attempt (a late retry of an upload must not roll the task back). Answers the checkpoint the task has now.
     */
    public CheckpointView checkpoint(AccountId caller, String attemptId, CheckpointRequest r) {
        AttemptId aid = parseAttempt(attemptId);
        ProviderId pid = caller(r.providerId());
        List<FieldError> errors = new ArrayList<>();
        checkBlob(errors, "checkpoint", r.checkpoint(), false);
        if (r.runtimeMillis() < 0) errors.add(new FieldError("runtimeMillis", "must be >= 0, was " + r.runtimeMillis()));
        if (!errors.isEmpty()) throw new CoordinatorException.Invalid(errors);
        Instant now = clock.instant();
        return store.inTransaction(tx -> {
            AttemptRecord a = held(tx, aid, pid, caller);
            tx.touchProvider(pid, now);
            requireActive(a);
            var stored = tx.checkpoint(a.task());
            if (stored.isPresent() && stored.get().attempt().equals(aid) && stored.get().runtimeMillis() > r.runtimeMillis())
                return Views.checkpoint(stored.get());
            var c = new CheckpointRecord(a.task(), aid, r.checkpoint(), r.runtimeMillis(), now);
            tx.saveCheckpoint(c);
            return Views.checkpoint(tx.checkpoint(a.task()).orElseThrow());
        });
    }

    /**
     * The checkpoint a new attempt starts from, recorded on the attempt; null when its task has none. A replica of a
     * verified task starts from scratch: its task already has a result, or it is a backup (which becomes a replica if the
     * attempt it races reports first). Resuming the checked provider's checkpoint would check nothing but that
     * provider's own state, which a cheater writes as it likes.
     */
    private static CheckpointRecord resumePoint(StoreTx tx, AttemptRecord a, JobRecord job, boolean backup) {
        if (org.gridmint.coordinator.verify.Verifier.verifies(job) && (backup || !tx.results(a.task()).isEmpty())) return null;
        CheckpointRecord c = tx.checkpoint(a.task()).orElse(null);
        if (c != null) tx.markResumed(a.id(), c.attempt());
        return c;
    }

    private JobRecord cachedJob(StoreTx tx, JobId id) {
        JobRecord j = jobCache.get(id);
        if (j != null) return j;
        j = tx.job(id).orElseThrow();
        jobCache.put(id, j);
        return j;
    }

    /**
     * What the provider runs for attempt {@code a}. An embed task gets no command and one file, its shard (shard.jsonl),
     * and writes embeddings.npy with the job's model; the input file itself stays with the coordinator.
     */
    private Assignment assignment(StoreTx tx, JobRecord job, AttemptRecord a, CheckpointRecord checkpoint) {
        JobSpec s = job.spec();
        int i = a.task().index();
        var r = s.resources();
        var resources = new ResourcesView(r.cpu(), r.memoryMb(), r.gpus(), r.gpuModel(), r.minGpuMemoryMb());
        if (s.embeds()) {
            var shard = tx.shard(a.task()).orElseThrow(() -> new IllegalStateException("embed task " + a.task() + " has no shard"));
            return new Assignment(a.id().value(), job.id().value(), i, s.taskCount(), a.number(), List.of(), List.of(shard.blob()), s.outputs(),
                    resources, s.timeout().toMillis(), s.network(), a.leaseExpiresAt(), config.heartbeatInterval().toMillis(), 0, null,
                    org.gridmint.core.spec.Runtime.EMBED.wireName(), s.embed().model());
        }
        return new Assignment(a.id().value(), job.id().value(), i, s.taskCount(), a.number(), s.commandFor(i), job.files(), s.outputs(),
                resources, s.timeout().toMillis(), s.network(),
                a.leaseExpiresAt(), config.heartbeatInterval().toMillis(), s.checkpoints() ? s.checkpointInterval().toMillis() : 0,
                checkpoint == null ? null : checkpoint.blob());
    }

    /** The attempt, if its provider is the caller's (else 403) and it is the one reporting (else 409). */
    private static AttemptRecord held(StoreTx tx, AttemptId aid, ProviderId pid, AccountId caller) {
        AttemptRecord a = tx.attempt(aid).orElseThrow(() -> new CoordinatorException.NotFound("attempt", aid));
        ProviderRecord holder = tx.provider(a.provider()).orElseThrow(() -> new CoordinatorException.NotFound("provider", a.provider()));
        ProviderService.requireOwner(holder, caller, "report on attempt " + aid + " of");
        if (!a.provider().equals(pid))
            throw new CoordinatorException.Conflict("attempt " + aid + " is not held by provider " + pid, a.state().name());
        return a;
    }

    private static void requireActive(AttemptRecord a) {
        if (a.state().isFinal()) {
            String why = a.reason() == null ? "" : " (" + a.reason() + ": " + a.reason().description() + ")";
            throw new CoordinatorException.Conflict("attempt " + a.id() + " is " + a.state() + why + "; the provider no longer holds it", a.state().name());
        }
    }

    private void checkBlobs(List<BlobRef> outputs, BlobRef stdout, BlobRef stderr) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) checkBlob(errors, "outputs[" + i + "]", outputs.get(i), true);
        if (stdout != null) checkBlob(errors, "stdout", stdout, false);
        if (stderr != null) checkBlob(errors, "stderr", stderr, false);
        if (!errors.isEmpty()) throw new CoordinatorException.Invalid(errors);
    }

    private void checkBlob(List<FieldError> errors, String field, BlobRef b, boolean named) {
        if (b == null) {
            errors.add(new FieldError(field, "must not be null"));
            return;
        }
        if (named && (b.name() == null || b.name().isBlank() || b.name().startsWith("/") || b.name().contains("..") || b.name().length() > 1024))
            errors.add(new FieldError(field + ".name", "must be a relative path without '..', was '" + b.name() + "'"));
        if (!BlobStore.isSha256(b.sha256())) errors.add(new FieldError(field + ".sha256", "must be 64 lower-case hex characters"));
        else if (!blobs.exists(b.sha256())) errors.add(new FieldError(field + ".sha256", "no blob " + b.sha256() + " was uploaded"));
    }

    private static ProviderId caller(String providerId) {
        if (providerId == null) throw new CoordinatorException.Invalid("providerId", "is required: the provider reporting on the attempt");
        if (!org.gridmint.core.ids.Ids.isValid(ProviderId.PREFIX, providerId))
            throw new CoordinatorException.Invalid("providerId", "is not a provider id: '" + providerId + "'");
        return new ProviderId(providerId);
    }

    private static ProviderId parseProvider(String s) {
        if (!org.gridmint.core.ids.Ids.isValid(ProviderId.PREFIX, s)) throw new CoordinatorException.NotFound("provider", s);
        return new ProviderId(s);
    }

    private static AttemptId parseAttempt(String s) {
        if (!org.gridmint.core.ids.Ids.isValid(AttemptId.PREFIX, s)) throw new CoordinatorException.NotFound("attempt", s);
        return new AttemptId(s);
    }

    private static AttemptReason parseReason(String s) {
        if (s == null) throw new CoordinatorException.Invalid("reason", "is required, one of " + List.of(AttemptReason.values()));
        try {
            AttemptReason r = AttemptReason.parse(s);
            if (r == AttemptReason.PROVIDER_LOST || r == AttemptReason.CANCELLED || r == AttemptReason.SUPERSEDED)
                throw new CoordinatorException.Invalid("reason", r + " is decided by the coordinator, not reported by a provider");
            return r;
        } catch (IllegalArgumentException e) {
            throw new CoordinatorException.Invalid("reason", "unknown reason '" + s + "', one of " + List.of(AttemptReason.values()));
        }
    }

}
