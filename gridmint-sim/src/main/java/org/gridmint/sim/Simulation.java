package org.gridmint.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.core.lifecycle.TaskState;
import org.gridmint.core.market.NetworkPrior;
import org.gridmint.core.market.ProviderEvidence;
import org.gridmint.core.market.Quarantine;
import org.gridmint.core.market.Reputation;
import org.gridmint.core.scheduling.AttemptRecord;
import org.gridmint.core.scheduling.JobRules;
import org.gridmint.core.scheduling.Requirements;
import org.gridmint.core.scheduling.TaskRecord;
import org.gridmint.core.scheduling.TaskRules;
import org.gridmint.core.spec.Resources;
import org.gridmint.core.verify.Decision;
import org.gridmint.sim.Events.Event;
import org.gridmint.sim.Events.Kind;
import org.gridmint.sim.scenario.Scenario;

/**
 * One run of one {@link Policy} over one scenario on a virtual clock. Every move of a task or attempt goes through core's
 * {@link TaskRules} (and so its transition tables), every job move through {@link JobRules}, and reputation and
 * quarantine through core's market types, fed with the evidence the run produces.
 *
 * <p>Placement is batched as the coordinator batches claims: a change (a job arrives, a slot frees, a provider returns)
 * asks for a tick at the next multiple of the scenario's tick; the tick offers the policy the providers with a free slot
 * and, per requirements, at most as many pending tasks as they have free slots. Per event the work is O(log n) plus,
 * on a tick, what the placed tasks and free providers cost.
 *
 * <p>Heartbeats are not events: an attempt heartbeats at start and, when its provider fails, its last heartbeat (the
 * latest multiple of the interval before the failure) is replayed, so its lease runs out when the coordinator's would.
 */
final class Simulation {
    /** How often stragglers are looked for: often against tasks of minutes, rare enough to cost nothing. */
    static final long SPECULATION_MILLIS = 60_000;

    private final Scenario scenario;
    private final Policy policy;
    private final Workload workload;
    private final SimProgress progress;
    private final boolean failureFree;
    private final Duration lease;

    private final Events events = new Events();
    private final SimProvider[] slots;
    private final SplittableRandom[] providerRandom;
    private final SplittableRandom[] failureRandom;
    private final FreePool free;
    private final Map<Requirements, PriorityQueue<SimTask>> pending = new LinkedHashMap<>();
    /**
     * Tasks that wait for a replica, a tie-breaker or a full check's replica, apart from the others: few, and often
     * waiting for a trusted provider, they must not take the places of tasks any provider could run.
     */
    private final PriorityQueue<SimTask> verifying = new PriorityQueue<>(Comparator.comparingLong((SimTask x) -> x.seq));
    private final Verifier verifier;
    private final Roles roles;
    private final TrustBoard trusts = new TrustBoard();
    private final Map<String, Requirements> requirementsByGpu = new HashMap<>();
    private final Tally tally;
    private final List<SimJob> jobs = new ArrayList<>();
    private final Speculator speculator;
    private ProviderEvidence network = ProviderEvidence.NONE;
    private Consumer<Traced> trace = x -> {};
    private String label = "";
    private boolean tickDue;
    private long now;
    private long attemptCounter;
    private int ended;

    Simulation(Scenario scenario, Policy policy, Workload workload, boolean failureFree, SimProgress progress) {
        this.scenario = failureFree ? scenario.failureFree() : scenario;
        this.policy = policy;
        this.workload = workload;
        this.failureFree = failureFree;
        this.progress = progress;
        this.lease = Duration.ofMillis(scenario.network().leaseMillis());
        int n = scenario.providers().count();
        this.slots = new SimProvider[n];
        this.providerRandom = new SplittableRandom[n];
        this.failureRandom = new SplittableRandom[n];
        this.free = new FreePool(n);
        this.tally = new Tally(policy.billsOnlyUsefulWork());
        this.speculator = new Speculator(policy.speculation(), free);
        this.roles = Roles.of(scenario);
        this.verifier = new Verifier(this.scenario.jobs().verify(), Streams.of(scenario.seed(), Streams.VERIFY, 0), trusts);
    }

    /** One move of a task through core's {@link TaskRules}: which rule, the task and the attempt as they are afterwards. */
    record Traced(String rule, TaskRecord task, AttemptRecord attempt) {}

    /** Hands every move this run makes to {@code sink}, in order (for tests that check the lifecycle the run drives). */
    Simulation trace(Consumer<Traced> sink) {
        this.trace = sink;
        return this;
    }

    /** Adds {@code suffix} to the name the progress display shows for this run. */
    Simulation labelled(String suffix) {
        this.label = suffix;
        return this;
    }

    RunResult run() {
        var spec = scenario.providers();
        for (int s = 0; s < slots.length; s++) {
            providerRandom[s] = Streams.of(scenario.seed(), Streams.PROVIDER, s);
            failureRandom[s] = Streams.of(scenario.seed(), Streams.FAILURES, s);
            slots[s] = SimProvider.draw(spec, s, 0, providerRandom[s]);
            joined(slots[s]);
            free.add(slots[s]);
            scheduleFailure(slots[s]);
            for (long at : spec.failures().scriptedAtMillis()) events.add(at, Kind.PROVIDER_FAILS, s, -1);
        }
        for (int j = 0; j < workload.arrivals().length; j++) events.add(workload.arrivals()[j], Kind.JOB_ARRIVES, j, 0);
        if (policy.speculation().enabled()) events.add(SPECULATION_MILLIS, Kind.SPECULATE, null, 0);
        progress.started(policy.name() + (failureFree ? " (failure-free)" : "") + label, workload.totalTasks());
        long horizon = scenario.network().horizonMillis();
        while (ended < workload.totalTasks() && !events.isEmpty() && events.peek().at() <= horizon) {
            Event e = events.poll();
            now = e.at();
            switch (e.kind()) {
                case JOB_ARRIVES -> arrive((Integer) e.ref());
                case TICK -> tick();
                case ATTEMPT_ENDS -> attemptEnds((SimTask) e.ref(), e.n());
                case SPECULATE -> speculate();
                case PROVIDER_FAILS -> fail((Integer) e.ref(), e.n());
                case PROVIDER_RETURNS -> providerReturns((Integer) e.ref());
                case LEASE_EXPIRES -> leaseExpires((SimTask) e.ref(), e.n());
                case QUARANTINE_ENDS -> requestTick();
            }
        }
        progress.finished();
        return tally.result(policy.name(), failureFree, workload.totalTasks(), workload.arrivals().length,
                ended == workload.totalTasks(), horizon, events.taken(), verifier);
    }

    private void arrive(int number) {
        long[] work = workload.work()[number];
        var job = new SimJob(number, work.length);
        jobs.add(job);
        Requirements r = requirementsByGpu.computeIfAbsent(String.valueOf(workload.gpus()[number]), g -> new Requirements(
                new Resources(1, 512, 1, workload.gpus()[number], 0), scenario.jobs().maxPrice(), scenario.jobs().regions()));
        for (int i = 0; i < work.length; i++) {
            enqueue(new SimTask(job, i, ((long) number << 32) | i, work[i], r, at(now)));
        }
        requestTick();
    }

    private void enqueue(SimTask t) {
        pending.computeIfAbsent(t.requirements, r -> new PriorityQueue<>(Comparator.comparingLong((SimTask x) -> x.seq))).add(t);
    }

    private void requestTick() {
        if (tickDue) return;
        long tick = scenario.network().tickMillis();
        events.add((now + tick - 1) / tick * tick, Kind.TICK, null, 0);
        tickDue = true;
    }

    private void tick() {
        tickDue = false;
        if (free.isEmpty()) return;
        long freeSlots = (long) free.size() * scenario.providers().slots();
        List<SimTask> batch = new ArrayList<>();
        for (PriorityQueue<SimTask> q : pending.values()) {
            for (int k = 0; k < freeSlots && !q.isEmpty(); k++) batch.add(q.poll());
        }
        while (!verifying.isEmpty()) batch.add(verifying.poll());
        if (batch.isEmpty()) return;
        batch.sort(Comparator.comparingLong(t -> t.seq));
        var prior = NetworkPrior.of(List.of(network));
        for (Policy.Placed p : policy.place(batch, free, trusts, prior, scenario.network().heartbeatMillis(), now)) start(p.task(), p.provider());
        for (SimTask t : batch) {
            if (!t.live.isEmpty()) continue;
            if (t.verifying()) verifying.add(t);
            else enqueue(t);
        }
    }

    private void start(SimTask t, SimProvider p) {
        var step = TaskRules.assign(t.record, nextAttemptId(), p.id(), at(now), lease);
        // The agent starts at once: its first heartbeat moves the attempt to RUNNING.
        step = TaskRules.heartbeat(step.task(), step.attempt(), null, at(now), lease);
        t.record = step.task();
        trace.accept(new Traced("assign", t.record, step.attempt()));
        long startWork = policy.resumesFromCheckpoint() && !t.verifying() ? t.savedWork : 0;
        if (startWork > 0 && t.unbilledCheckpointMillis > 0) tally.resumed(t.unbilledCheckpointProvider, t.unbilledCheckpointMillis);
        t.unbilledCheckpointMillis = 0;
        t.unbilledCheckpointProvider = null;
        run(t, new SimAttempt(step.attempt(), p, now, startWork, 0, null, false));
        moveJob(t, TaskState.RUNNING);
    }

    /** {@code a} takes a slot on its provider and is due to finish when its provider has done the task's remaining work. */
    private void run(SimTask t, SimAttempt a) {
        SimProvider p = a.provider;
        t.live.add(a);
        p.running.add(t);
        t.job.running.add(t);
        if (p.freeSlots() == 0) free.remove(p);
        tally.attempts++;
        events.add(now + (long) Math.ceil((t.work - a.startWork) / p.rate), Kind.ATTEMPT_ENDS, t, a.number());
    }

    /**
     * Attempt {@code number} of {@code t} has done its work and returns a result, right or (from a cheater) wrong. Core's
     * verification rules decide: accept it (a racing twin is superseded), ask for one more result, or give up without a
     * quorum. Under {@code verify: none} every first result is accepted, as before verification existed.
     */
    private void attemptEnds(SimTask t, int number) {
        SimAttempt a = t.live(number);
        if (a == null || !a.providerUp) return;
        SimProvider p = a.provider;
        long wall = now - a.start;
        SimResult r = new SimResult(a, p, p.result(), wall);
        tally.result(wall);
        if (a.resumedWall > 0) tally.resumed(a.resumedFrom, a.resumedWall);
        evidence(t, a, p, wall);
        switch (verifier.judge(t, r)) {
            case Decision.Accept accept -> accept(t, a, accept);
            case Decision.NeedMore more -> oneMore(t, a, more);
            case Decision.NoQuorum none -> noQuorum(t, a, none);
        }
    }

    /**
     * Speed against peers, as the coordinator measures it: this runtime over the job's median so far. A resumed attempt
     * ran only part of its task, so it says nothing about speed.
     */
    private void evidence(SimTask t, SimAttempt a, SimProvider p, long wall) {
        RunningMedian runtimes = t.job.runtimes;
        if (a.startWork == 0 && runtimes.size() > 0) {
            double ratio = Math.max(1, wall) / (double) runtimes.median();
            p.evidence = p.evidence.plusCompleted(ratio);
            network = network.plusCompleted(ratio);
        } else {
            p.evidence = p.evidence.plusCompleted();
            network = network.plusCompleted();
        }
        if (a.startWork == 0) runtimes.add(Math.max(1, wall));
        p.quarantine = p.quarantine.afterSuccess();
        rekey(p);
    }

    /**
     * {@code t} is accepted ({@link TaskRules#succeed}, a racing twin superseded). The client pays for the canonical result
     * only; agreeing replicas are paid at cost by the network; dissenting results are REJECTED and their providers
     * slashed, benched and fully checked.
     */
    private void accept(SimTask t, SimAttempt a, Decision.Accept accept) {
        SimAttempt other = t.other(a);
        var outcome = TaskRules.succeed(t.record, a.record, other == null ? null : other.record, 0, at(now));
        t.record = outcome.task();
        a.record = outcome.attempt();
        trace.accept(new Traced("succeed", t.record, a.record));
        release(t, a);
        if (other != null) superseded(t, other, outcome.other());
        if (a.backup) tally.backupWins++;
        SimResult canonical = t.results.get(accept.canonical());
        List<SimResult> caught = verifier.verdict(t, accept);
        for (int i : accept.agreeing()) {
            if (i != accept.canonical()) tally.paidAtCost(t.results.get(i));
        }
        for (SimResult d : caught) {
            d.attempt().record = TaskRules.reject(d.attempt().record, "its result lost the verdict", at(now));
            trace.accept(new Traced("reject", t.record, d.attempt().record));
        }
        t.accepted = canonical;
        if (t.results.size() == 1 && !verifier.none()) canonical.provider().unverified.add(t);
        t.results.clear();
        t.plan = null;
        t.partner = null;
        tally.accepted(t, canonical, now);
        t.job.unsucceeded--;
        t.job.completed++;
        moveJob(t, TaskState.SUCCEEDED);
        if (t.job.state == org.gridmint.core.lifecycle.JobState.SUCCEEDED) tally.jobsSucceeded++;
        taskEnded();
        for (SimResult d : caught) caught(d.provider());
        requestTick();
    }

    /** {@code t} needs one more result ({@link TaskRules#report}): it waits for a provider its partner rule allows. */
    private void oneMore(SimTask t, SimAttempt a, Decision.NeedMore more) {
        SimAttempt other = t.other(a);
        var outcome = TaskRules.report(t.record, a.record, other == null ? null : other.record, 0, at(now));
        t.record = outcome.task();
        a.record = outcome.attempt();
        trace.accept(new Traced("report", t.record, a.record));
        release(t, a);
        t.plan = more.next();
        t.partner = more.partner();
        // A replica computes the task from scratch: resuming another provider's checkpoint would copy its answer.
        t.savedWork = 0;
        t.unbilledCheckpointMillis = 0;
        t.unbilledCheckpointProvider = null;
        if (other == null) verifying.add(t);
        requestTick();
    }

    /** Tie-breakers spent without a quorum: {@link TaskRules#noQuorum} fails the task, and nobody is slashed. */
    private void noQuorum(SimTask t, SimAttempt a, Decision.NoQuorum none) {
        SimAttempt other = t.other(a);
        var outcome = TaskRules.noQuorum(t.record, a.record, other == null ? null : other.record, none.why(), at(now));
        t.record = outcome.task();
        a.record = outcome.attempt();
        trace.accept(new Traced("noQuorum", t.record, a.record));
        release(t, a);
        if (other != null) {
            other.record = outcome.other();
            if (other.providerUp) {
                tally.cancelled(now - other.start);
                release(t, other);
            } else {
                t.live.remove(other);
            }
        }
        t.results.clear();
        t.partner = null;
        tally.taskFailed(now);
        moveJob(t, TaskState.FAILED);
        taskEnded();
        requestTick();
    }

    /**
     * {@code p} lost a verdict: slashed, its trust already reset, benched for the scenario's slash quarantine, and its
     * results accepted alone in jobs still running are reopened for a trusted replica (the full check).
     */
    private void caught(SimProvider p) {
        verifier.slashes++;
        if (p.timesCaught++ == 0 && p.cheats != null) verifier.cheatersCaught++;
        p.resultsSinceCaught = 0;
        p.slashedUntil = now + scenario.network().slashQuarantineMillis();
        events.add(p.slashedUntil, Kind.QUARANTINE_ENDS, p, 0);
        for (SimTask t : p.unverified) {
            if (t.job.state.isFinal() || t.record.state() != TaskState.SUCCEEDED || t.accepted == null || t.accepted.provider() != p) continue;
            t.record = TaskRules.reopen(t.record, at(now));
            trace.accept(new Traced("reopen", t.record, t.accepted.attempt().record));
            verifier.reopened(t);
            tally.reopened(t, t.accepted);
            t.results.add(t.accepted);
            t.accepted = null;
            t.plan = Verifier.fullCheck();
            t.partner = t.plan.partner();
            t.savedWork = 0;
            t.job.unsucceeded++;
            t.job.completed--;
            moveJob(t, TaskState.PENDING);
            ended--;
            verifying.add(t);
        }
        p.unverified.clear();
    }

    /**
     * {@code loser} lost the race and ended SUPERSEDED in core: its time since it started is provider time that is
     * neither useful nor billed (unless its provider had already failed, when that time was counted as lost), and the
     * ending is nobody's fault, so its provider's reputation does not move.
     */
    private void superseded(SimTask t, SimAttempt loser, AttemptRecord ended) {
        loser.record = ended;
        trace.accept(new Traced("superseded", t.record, ended));
        if (loser.providerUp) {
            tally.cancelled(now - loser.start);
            release(t, loser);
        } else {
            t.live.remove(loser);
        }
        SimProvider p = loser.provider;
        p.evidence = p.evidence.plusEnded(ended.reason());
        network = network.plusEnded(ended.reason());
    }

    /** {@code a} is over while its provider is up: the slot is free again. */
    private void release(SimTask t, SimAttempt a) {
        SimProvider p = a.provider;
        t.live.remove(a);
        p.running.remove(t);
        if (p.up) free.add(p);
        if (!t.working()) t.job.running.remove(t);
    }

    /** Every {@link #SPECULATION_MILLIS}, once no task waits for a slot, backs up stragglers on free providers. */
    private void speculate() {
        if (ended < workload.totalTasks()) events.add(now + SPECULATION_MILLIS, Kind.SPECULATE, null, 0);
        for (PriorityQueue<SimTask> q : pending.values()) {
            if (!q.isEmpty()) return;
        }
        var prior = NetworkPrior.of(List.of(network));
        for (SimJob job : jobs) {
            if (free.isEmpty()) return;
            for (Speculator.Start s : speculator.plan(job, prior, scenario.network().heartbeatMillis(), now)) startBackup(s.task(), s.provider());
        }
    }

    /** A second live attempt of {@code t} on {@code b}, through core's {@link TaskRules#backup}, resuming from the primary's latest checkpoint. */
    private void startBackup(SimTask t, SimProvider b) {
        SimAttempt primary = t.live.getFirst();
        var step = TaskRules.backup(t.record, primary.record, nextAttemptId(), b.id(), at(now), lease);
        step = TaskRules.heartbeat(step.task(), step.attempt(), null, at(now), lease);
        t.record = step.task();
        trace.accept(new Traced("backup", t.record, step.attempt()));
        long checkpoint = scenario.jobs().checkpointMillis();
        long elapsed = now - primary.start;
        long resumedWall = checkpoint > 0 ? elapsed / checkpoint * checkpoint : 0;
        long startWork = Math.min(t.work, primary.startWork + (long) Math.floor(resumedWall * primary.provider.rate));
        run(t, new SimAttempt(step.attempt(), b, now, startWork, resumedWall, primary.provider, true));
        tally.backups++;
    }

    /**
     * The provider in {@code slot} fails: each attempt it ran loses the work since its last checkpoint and stays live in
     * core until its lease runs out, as the coordinator sees it; a backup racing it carries on meanwhile.
     */
    private void fail(int slot, int generation) {
        SimProvider p = slots[slot];
        if (!p.up || (generation >= 0 && p.generation != generation)) return;
        p.up = false;
        free.remove(p);
        tally.crashes++;
        long checkpoint = scenario.jobs().checkpointMillis();
        long heartbeat = scenario.network().heartbeatMillis();
        for (SimTask t : p.running) {
            SimAttempt a = t.workingOn(p);
            a.providerUp = false;
            if (!t.working()) t.job.running.remove(t);
            long elapsed = now - a.start;
            long saved = 0;
            if (policy.resumesFromCheckpoint() && checkpoint > 0 && !t.verifying()) {
                saved = elapsed / checkpoint * checkpoint;
                long work = Math.min(t.work, a.startWork + (long) Math.floor(saved * p.rate));
                // Of two raced attempts the next one resumes from whichever checkpoint got further.
                if (saved > 0 && work >= t.savedWork) {
                    t.savedWork = work;
                    t.unbilledCheckpointMillis = saved;
                    t.unbilledCheckpointProvider = p;
                }
            }
            tally.lost(p, elapsed, saved);
            long lastHeartbeat = a.start + elapsed / heartbeat * heartbeat;
            if (lastHeartbeat > a.start) a.record = TaskRules.heartbeat(t.record, a.record, null, at(lastHeartbeat), lease).attempt();
            events.add(Math.max(now, a.record.leaseExpiresAt().toEpochMilli()), Kind.LEASE_EXPIRES, t, a.number());
        }
        p.running.clear();
        long down = Math.max(1, Math.round(scenario.providers().failures().repair().sample(failureRandom[slot])));
        events.add(now + down, Kind.PROVIDER_RETURNS, slot, 0);
    }

    private void providerReturns(int slot) {
        SimProvider p = slots[slot];
        if (scenario.providers().failures().replace()) {
            p = SimProvider.draw(scenario.providers(), slot, p.generation + 1, providerRandom[slot]);
            joined(p);
            slots[slot] = p;
        }
        p.up = true;
        free.add(p);
        scheduleFailure(p);
        requestTick();
    }

    /**
     * Attempt {@code number}'s lease ran out: core ends it PROVIDER_LOST. With a backup (or primary) still live the task
     * runs on with it; alone, it is requeued, or fails once its retries are spent.
     */
    private void leaseExpires(SimTask t, int number) {
        SimAttempt a = t.live(number);
        if (a == null) return;
        if (!TaskRules.leaseExpired(a.record, at(now))) throw new IllegalStateException("lease of " + a.record.id() + " has not expired at " + now);
        SimAttempt other = t.other(a);
        var outcome = TaskRules.endAttempt(t.record, a.record, other == null ? null : other.record, AttemptReason.PROVIDER_LOST,
                "provider failed", null, scenario.jobs().retries(), at(now));
        t.record = outcome.task();
        a.record = outcome.attempt();
        trace.accept(new Traced("endAttempt", t.record, a.record));
        t.live.remove(a);
        SimProvider p = a.provider;
        p.evidence = p.evidence.plusEnded(AttemptReason.PROVIDER_LOST);
        network = network.plusEnded(AttemptReason.PROVIDER_LOST);
        rekey(p);
        Quarantine q = p.quarantine.afterEnded(AttemptReason.PROVIDER_LOST, at(now));
        if (q.timesQuarantined() > p.quarantine.timesQuarantined()) events.add(q.until().toEpochMilli(), Kind.QUARANTINE_ENDS, p, 0);
        p.quarantine = q;
        if (other != null) return;
        if (t.record.state() == TaskState.PENDING) {
            if (t.verifying()) verifying.add(t);
            else enqueue(t);
            requestTick();
        } else {
            t.results.clear();
            t.partner = null;
            tally.taskFailed(now);
            moveJob(t, TaskState.FAILED);
            taskEnded();
        }
    }

    /** Gives a provider identity its slot's role: a cheater, a provider trusted from the start, or an honest stranger. */
    private void joined(SimProvider p) {
        if (roles.join(p)) verifier.cheaters++;
        trusts.joined(p);
    }

    /** Caches {@code p}'s expected cost per hour (ask × speed ÷ reliability) for the pool's order. */
    private void rekey(SimProvider p) {
        var r = Reputation.estimate(p.evidence, NetworkPrior.of(List.of(network)));
        free.rekey(p, p.priceMicros() * r.speed() / r.reliability());
    }

    private void scheduleFailure(SimProvider p) {
        if (p.mtbfMillis <= 0) return;
        long up = Math.max(1, Math.round(-p.mtbfMillis * Math.log(1 - failureRandom[p.slot].nextDouble())));
        events.add(now + up, Kind.PROVIDER_FAILS, p.slot, p.generation);
    }

    private void moveJob(SimTask t, TaskState task) {
        JobRules.afterTaskChange(t.job.state, task, t.job.unsucceeded > 0).ifPresent(s -> t.job.state = s);
    }

    private void taskEnded() {
        ended++;
        if ((ended & 1023) == 0 || ended == workload.totalTasks()) progress.advanced(ended);
    }

    private AttemptId nextAttemptId() {
        return AttemptId.of("att-" + ++attemptCounter);
    }

    private static Instant at(long millis) {
        return Instant.ofEpochMilli(millis);
    }
}
