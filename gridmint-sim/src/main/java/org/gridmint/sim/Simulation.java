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
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.core.lifecycle.TaskState;
import org.gridmint.core.market.NetworkPrior;
import org.gridmint.core.market.ProviderEvidence;
import org.gridmint.core.market.Quarantine;
import org.gridmint.core.market.Reputation;
import org.gridmint.core.scheduling.JobRules;
import org.gridmint.core.scheduling.Requirements;
import org.gridmint.core.scheduling.TaskRules;
import org.gridmint.core.spec.Resources;
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
    private final Map<String, Requirements> requirementsByGpu = new HashMap<>();
    private final Tally tally;
    private final List<SimJob> jobs = new ArrayList<>();
    private final Speculator speculator;
    private ProviderEvidence network = ProviderEvidence.NONE;
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
    }

    RunResult run() {
        var spec = scenario.providers();
        for (int s = 0; s < slots.length; s++) {
            providerRandom[s] = Streams.of(scenario.seed(), Streams.PROVIDER, s);
            failureRandom[s] = Streams.of(scenario.seed(), Streams.FAILURES, s);
            slots[s] = SimProvider.draw(spec, s, 0, providerRandom[s]);
            free.add(slots[s]);
            scheduleFailure(slots[s]);
            for (long at : spec.failures().scriptedAtMillis()) events.add(at, Kind.PROVIDER_FAILS, s, -1);
        }
        for (int j = 0; j < workload.arrivals().length; j++) events.add(workload.arrivals()[j], Kind.JOB_ARRIVES, j, 0);
        if (policy.speculation().enabled()) events.add(SPECULATION_MILLIS, Kind.SPECULATE, null, 0);
        progress.started(policy.name() + (failureFree ? " (failure-free)" : ""), workload.totalTasks());
        long horizon = scenario.network().horizonMillis();
        while (ended < workload.totalTasks() && !events.isEmpty() && events.peek().at() <= horizon) {
            Event e = events.poll();
            now = e.at();
            switch (e.kind()) {
                case JOB_ARRIVES -> arrive((Integer) e.ref());
                case TICK -> tick();
                case ATTEMPT_ENDS -> attemptEnds((SimTask) e.ref(), e.n());
                case BACKUP_ENDS -> backupEnds((SimTask) e.ref(), e.n());
                case SPECULATE -> speculate();
                case PROVIDER_FAILS -> fail((Integer) e.ref(), e.n());
                case PROVIDER_RETURNS -> providerReturns((Integer) e.ref());
                case LEASE_EXPIRES -> leaseExpires((SimTask) e.ref(), e.n());
                case QUARANTINE_ENDS -> requestTick();
            }
        }
        progress.finished();
        return tally.result(policy.name(), failureFree, workload.totalTasks(), workload.arrivals().length,
                ended == workload.totalTasks(), horizon, events.taken());
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
        if (batch.isEmpty()) return;
        batch.sort(Comparator.comparingLong(t -> t.seq));
        var prior = NetworkPrior.of(List.of(network));
        for (Policy.Placed p : policy.place(batch, free, prior, scenario.network().heartbeatMillis(), now)) start(p.task(), p.provider());
        for (SimTask t : batch) {
            if (t.on == null) enqueue(t);
        }
    }

    private void start(SimTask t, SimProvider p) {
        var step = TaskRules.assign(t.record, AttemptId.of("att-" + ++attemptCounter), p.id(), at(now), lease);
        // The agent starts at once: its first heartbeat moves the attempt to RUNNING.
        step = TaskRules.heartbeat(step.task(), step.attempt(), null, at(now), lease);
        t.record = step.task();
        t.attempt = step.attempt();
        t.startWork = policy.resumesFromCheckpoint() ? t.savedWork : 0;
        if (t.startWork > 0 && t.unbilledCheckpointMillis > 0) tally.resumed(t.unbilledCheckpointProvider, t.unbilledCheckpointMillis);
        t.unbilledCheckpointMillis = 0;
        t.unbilledCheckpointProvider = null;
        t.on = p;
        t.attemptProvider = p;
        t.attemptStart = now;
        p.running.add(t);
        t.job.running.add(t);
        if (p.freeSlots() == 0) free.remove(p);
        tally.attempts++;
        long wall = (long) Math.ceil((t.work - t.startWork) / p.rate);
        events.add(now + wall, Kind.ATTEMPT_ENDS, t, t.attempt.number());
        moveJob(t, TaskState.RUNNING);
    }

    private void attemptEnds(SimTask t, int number) {
        if (t.on == null || t.attempt.number() != number) return;
        SimProvider p = t.on;
        long wall = now - t.attemptStart;
        succeedAttempt(t);
        release(t, p);
        if (t.backupOn != null) {
            tally.cancelled(now - t.backupStart);
            release(t, t.backupOn);
            t.backupOn = null;
        }
        // Speed against peers, as the coordinator measures it: this runtime over the job's median so far. A resumed
        // attempt ran only part of its task, so it says nothing about speed.
        RunningMedian runtimes = t.job.runtimes;
        if (t.startWork == 0 && runtimes.size() > 0) {
            double ratio = Math.max(1, wall) / (double) runtimes.median();
            p.evidence = p.evidence.plusCompleted(ratio);
            network = network.plusCompleted(ratio);
        } else {
            p.evidence = p.evidence.plusCompleted();
            network = network.plusCompleted();
        }
        if (t.startWork == 0) runtimes.add(Math.max(1, wall));
        rekey(p);
        succeeded(t, p, wall);
    }

    private void succeeded(SimTask t, SimProvider p, long wall) {
        p.quarantine = p.quarantine.afterSuccess();
        tally.succeeded(t, wall, p, now);
        t.job.unsucceeded--;
        t.job.completed++;
        moveJob(t, TaskState.SUCCEEDED);
        if (t.job.state == org.gridmint.core.lifecycle.JobState.SUCCEEDED) tally.jobsSucceeded++;
        taskEnded();
        requestTick();
    }

    private void succeedAttempt(SimTask t) {
        var step = TaskRules.succeed(t.record, t.attempt, 0, at(now));
        t.record = step.task();
        t.attempt = step.attempt();
    }

    /** {@code t}'s attempt or backup on {@code p} is over: the slot is free again. */
    private void release(SimTask t, SimProvider p) {
        p.running.remove(t);
        if (p.up) free.add(p);
        if (t.on == p) {
            t.on = null;
            t.job.running.remove(t);
        }
    }

    /**
     * A backup finished first. Core's {@link TaskRules} holds one live attempt per task (concurrent backups in the
     * lifecycle are the stragglers branch's work), so the task succeeds through its current attempt's record, or, if
     * that attempt was already lost and the task requeued, through an attempt assigned to the backup's provider now.
     * The simulation keeps the backup's own time, billing and evidence, which is what the report is made of.
     */
    private void backupEnds(SimTask t, int serial) {
        if (t.backupOn == null || t.backups != serial) return;
        SimProvider b = t.backupOn;
        long wall = now - t.backupStart;
        b.running.remove(t);
        if (b.up) free.add(b);
        t.backupOn = null;
        if (t.on != null) {
            tally.cancelled(now - t.attemptStart);
            release(t, t.on);
        }
        if (!t.record.state().isActive()) {
            var step = TaskRules.assign(t.record, AttemptId.of("att-" + ++attemptCounter), b.id(), at(now), lease);
            step = TaskRules.heartbeat(step.task(), step.attempt(), null, at(now), lease);
            t.record = step.task();
            t.attempt = step.attempt();
        }
        succeedAttempt(t);
        if (t.backupResumeWall > 0) tally.resumed(t.attemptProvider, t.backupResumeWall);
        t.unbilledCheckpointMillis = 0;
        b.evidence = b.evidence.plusCompleted();
        network = network.plusCompleted();
        rekey(b);
        tally.backupWins++;
        succeeded(t, b, wall);
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

    private void startBackup(SimTask t, SimProvider b) {
        long checkpoint = scenario.jobs().checkpointMillis();
        long elapsed = now - t.attemptStart;
        // The backup restores the primary's latest checkpoint, as a requeued attempt would.
        t.backupResumeWall = checkpoint > 0 ? elapsed / checkpoint * checkpoint : 0;
        t.backupStartWork = Math.min(t.work, t.startWork + (long) Math.floor(t.backupResumeWall * t.on.rate));
        t.backupOn = b;
        t.backupStart = now;
        t.backups++;
        b.running.add(t);
        if (b.freeSlots() == 0) free.remove(b);
        tally.attempts++;
        tally.backups++;
        events.add(now + (long) Math.ceil((t.work - t.backupStartWork) / b.rate), Kind.BACKUP_ENDS, t, t.backups);
    }

    private void fail(int slot, int generation) {
        SimProvider p = slots[slot];
        if (!p.up || (generation >= 0 && p.generation != generation)) return;
        p.up = false;
        free.remove(p);
        tally.crashes++;
        long checkpoint = scenario.jobs().checkpointMillis();
        long heartbeat = scenario.network().heartbeatMillis();
        for (SimTask t : p.running) {
            if (t.backupOn == p) {
                backupLost(t);
                continue;
            }
            t.job.running.remove(t);
            long elapsed = now - t.attemptStart;
            long saved = 0;
            if (policy.resumesFromCheckpoint() && checkpoint > 0) {
                saved = elapsed / checkpoint * checkpoint;
                if (saved > 0) {
                    t.savedWork = Math.min(t.work, t.startWork + (long) Math.floor(saved * p.rate));
                    t.unbilledCheckpointMillis = saved;
                    t.unbilledCheckpointProvider = p;
                }
            }
            tally.lost(p, elapsed, saved);
            long lastHeartbeat = t.attemptStart + elapsed / heartbeat * heartbeat;
            if (lastHeartbeat > t.attemptStart) t.attempt = TaskRules.heartbeat(t.record, t.attempt, null, at(lastHeartbeat), lease).attempt();
            t.on = null;
            events.add(Math.max(now, t.attempt.leaseExpiresAt().toEpochMilli()), Kind.LEASE_EXPIRES, t, t.attempt.number());
        }
        p.running.clear();
        long down = Math.max(1, Math.round(scenario.providers().failures().repair().sample(failureRandom[slot])));
        events.add(now + down, Kind.PROVIDER_RETURNS, slot, 0);
    }

    /** The backup's provider failed: the primary carries on; a task that only the backup still ran waits for a slot again. */
    private void backupLost(SimTask t) {
        tally.lostBackup(now - t.backupStart);
        t.backupOn = null;
        if (t.record.state() == TaskState.PENDING) {
            enqueue(t);
            requestTick();
        }
    }

    private void providerReturns(int slot) {
        SimProvider p = slots[slot];
        if (scenario.providers().failures().replace()) {
            p = SimProvider.draw(scenario.providers(), slot, p.generation + 1, providerRandom[slot]);
            slots[slot] = p;
        }
        p.up = true;
        free.add(p);
        scheduleFailure(p);
        requestTick();
    }

    private void leaseExpires(SimTask t, int number) {
        if (t.attempt.number() != number || t.attempt.state().isFinal()) return;
        if (!TaskRules.leaseExpired(t.attempt, at(now))) throw new IllegalStateException("lease of " + t.attempt.id() + " has not expired at " + now);
        var step = TaskRules.endAttempt(t.record, t.attempt, AttemptReason.PROVIDER_LOST, "provider failed", null, scenario.jobs().retries(), at(now));
        t.record = step.task();
        t.attempt = step.attempt();
        SimProvider p = t.attemptProvider;
        p.evidence = p.evidence.plusEnded(AttemptReason.PROVIDER_LOST);
        network = network.plusEnded(AttemptReason.PROVIDER_LOST);
        rekey(p);
        Quarantine q = p.quarantine.afterEnded(AttemptReason.PROVIDER_LOST, at(now));
        if (q.timesQuarantined() > p.quarantine.timesQuarantined()) events.add(q.until().toEpochMilli(), Kind.QUARANTINE_ENDS, p, 0);
        p.quarantine = q;
        if (t.record.state() == TaskState.PENDING) {
            // A live backup carries the task on; it is placed again only if the backup is lost too.
            if (t.backupOn == null) {
                enqueue(t);
                requestTick();
            }
        } else {
            if (t.backupOn != null) {
                tally.cancelled(now - t.backupStart);
                release(t, t.backupOn);
                t.backupOn = null;
            }
            tally.taskFailed(now);
            moveJob(t, TaskState.FAILED);
            taskEnded();
        }
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

    private static Instant at(long millis) {
        return Instant.ofEpochMilli(millis);
    }
}
