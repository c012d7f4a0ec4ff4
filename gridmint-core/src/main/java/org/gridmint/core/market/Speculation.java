package org.gridmint.core.market;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.market.MarketSnapshot.Provider;
import org.gridmint.core.scheduling.Placement;
import org.gridmint.core.scheduling.Requirements;

/**
 * Which straggling tasks of one job get a backup attempt, and where: speculative execution after LATE (Zaharia et al.,
 * OSDI 2008), a pure function of the job's running attempts, its providers and {@code now}.
 *
 * <p>For each task with one live attempt it estimates the time left. With a progress fraction p (of the whole task),
 * the rate is p over the time the task has run, {@code resumedFrom + elapsed}, and the time left (1 − p) ÷ rate. With
 * none, the attempt is assumed to need the median's remaining work at its provider's speed,
 * {@code (median − resumedFrom) × speed}; once it has run past the median it is assumed to need as long again as its
 * overrun, so that the longer an attempt overruns, the sooner it is backed up. A task is a straggler when its estimated
 * total runtime ({@link #estimateTotalMillis}: with no progress, what it has run or the median's remaining work at its
 * provider's speed, whichever is more) exceeds {@link Config#slowdown} × the job's median.
 *
 * <p>Then, longest time left first, each straggler gets a backup on the candidate with the lowest expected time
 * (speed ÷ reliability, then the lower ask, then the smaller id) among providers that are HEALTHY, have a free slot, fit
 * the job's requirements, are fast ({@code speed <= maxBackupSpeed}) and reliable ({@code reliability >=
 * minBackupReliability}), run no attempt of that task and are allowed by its exclusions ({@link Attempt#excluded},
 * {@link Attempt#only}), provided the backup is expected to finish first (its own
 * expected time, {@code (median − resumedFrom) × its speed}, is below the straggler's time left). Live backups plus new
 * ones never exceed {@link Config#maxBackups}. Nothing is backed up before {@link Config#minCompleted} tasks have
 * completed, since a median of fewer says little.
 *
 * <p>Concurrency: none; immutable inputs. Failure modes: none beyond argument validation; the coordinator re-checks
 * each backup when it applies it, since the task may have finished meanwhile.
 */
public final class Speculation {
    private Speculation() {}

    /**
     * When and where to speculate.
     *
     * @param slowdown how many times the job's median a task's estimated runtime must exceed to be backed up, >= 1
     * @param maxBackups how many backups of one job may run at once; 0 turns speculation off
     * @param minCompleted how many of the job's tasks must have completed before their median is trusted, >= 1
     * @param maxBackupSpeed the slowest a backup's provider may be ({@link Reputation#speed}: 1.0 as fast as its peers)
     * @param minBackupReliability the least chance of finishing a backup's provider must have
     */
    public record Config(double slowdown, int maxBackups, int minCompleted, double maxBackupSpeed, double minBackupReliability) {
        /** Twice the median, two backups at once, after three tasks; providers at most 25% slower than their peers. */
        public static final Config DEFAULT = new Config(2.0, 2, 3, 1.25, 0.5);
        /** No backups at all. */
        public static final Config OFF = new Config(2.0, 0, 3, 1.25, 0.5);

        public Config {
            if (!(slowdown >= 1.0 && Double.isFinite(slowdown))) throw new IllegalArgumentException("slowdown must be finite and >= 1, was " + slowdown);
            if (maxBackups < 0) throw new IllegalArgumentException("maxBackups must be >= 0, was " + maxBackups);
            if (minCompleted < 1) throw new IllegalArgumentException("minCompleted must be >= 1, was " + minCompleted);
            if (!(maxBackupSpeed >= Reputation.MIN_SPEED && maxBackupSpeed <= Reputation.MAX_SPEED))
                throw new IllegalArgumentException("maxBackupSpeed must be in [" + Reputation.MIN_SPEED + ", " + Reputation.MAX_SPEED + "], was " + maxBackupSpeed);
            if (!(minBackupReliability >= 0 && minBackupReliability <= 1))
                throw new IllegalArgumentException("minBackupReliability must be in [0, 1], was " + minBackupReliability);
        }

        /** This config with the job's own slowdown and cap, as its spec's speculation block gives them. */
        public Config with(double slowdown, int maxBackups) {
            return new Config(slowdown, maxBackups, minCompleted, maxBackupSpeed, minBackupReliability);
        }

        public boolean enabled() {
            return maxBackups > 0;
        }
    }

    /**
     * One live attempt of one of the job's tasks.
     *
     * @param startedAt when it started running (or was assigned, before its first heartbeat)
     * @param resumedFromMillis the checkpointed runtime it resumed from; 0 if it started from scratch
     * @param progress the fraction of the whole task done, in [0, 1], if its provider reports one; null otherwise
     * @param excluded providers a backup of its task may never run on, as {@link MarketSnapshot.PendingTask#excluded}: a
     *     backup of a verified task is a replica, so it needs a provider that has not run the task and shares no owner
     *     with one that has; empty when none
     * @param only when not null, the only providers a backup of its task may run on, as {@link MarketSnapshot.PendingTask#only}
     */
    public record Attempt(TaskId task, ProviderId provider, Instant startedAt, long resumedFromMillis, Double progress,
                          Set<ProviderId> excluded, Set<ProviderId> only) {
        public Attempt {
            if (task == null || provider == null || startedAt == null) throw new IllegalArgumentException("an attempt needs a task, a provider and startedAt");
            if (resumedFromMillis < 0) throw new IllegalArgumentException("resumedFromMillis must be >= 0, was " + resumedFromMillis);
            if (progress != null && !(progress >= 0 && progress <= 1)) throw new IllegalArgumentException("progress must be in [0, 1], was " + progress);
            excluded = excluded == null ? Set.of() : Set.copyOf(excluded);
            if (only != null) only = Set.copyOf(only);
        }

        /** An attempt whose task may be backed up on any provider. */
        public Attempt(TaskId task, ProviderId provider, Instant startedAt, long resumedFromMillis, Double progress) {
            this(task, provider, startedAt, resumedFromMillis, progress, Set.of(), null);
        }

        /** Whether a backup of its task may run on {@code p} as far as its exclusions go. */
        public boolean allows(ProviderId p) {
            return !excluded.contains(p) && (only == null || only.contains(p));
        }
    }

    /**
     * One job as speculation sees it.
     *
     * @param running every live attempt of its tasks; a task listed twice already has a backup
     * @param completedTasks how many of its tasks have succeeded
     * @param medianMillis the median runtime of its succeeded tasks' winning attempts
     */
    public record Job(JobId id, Requirements requirements, List<Attempt> running, int completedTasks, long medianMillis) {
        public Job {
            if (id == null || requirements == null) throw new IllegalArgumentException("a job needs an id and requirements");
            running = List.copyOf(running);
            for (Attempt a : running) {
                if (!a.task().job().equals(id)) throw new IllegalArgumentException("attempt of task " + a.task() + " is not of job " + id);
            }
            if (completedTasks < 0) throw new IllegalArgumentException("completedTasks must be >= 0, was " + completedTasks);
            if (medianMillis < 0) throw new IllegalArgumentException("medianMillis must be >= 0, was " + medianMillis);
        }
    }

    /** A backup to start: a second attempt of {@code task} on {@code provider}, whose first is expected to need {@code estimatedLeftMillis} more. */
    public record Backup(TaskId task, ProviderId provider, long estimatedLeftMillis) {}

    /** The backups to start for {@code job} at {@code now}, longest estimated time left first; empty when none is due. */
    public static List<Backup> plan(Job job, List<Provider> providers, Config config, Instant now) {
        if (job == null || providers == null || config == null || now == null) throw new IllegalArgumentException("plan needs a job, providers, a config and now");
        if (!config.enabled() || job.completedTasks() < config.minCompleted() || job.medianMillis() == 0) return List.of();
        Map<TaskId, List<Attempt>> byTask = new LinkedHashMap<>();
        for (Attempt a : job.running()) byTask.computeIfAbsent(a.task(), k -> new ArrayList<>()).add(a);
        int room = config.maxBackups() - (int) byTask.values().stream().filter(l -> l.size() > 1).count();
        if (room <= 0) return List.of();

        Map<ProviderId, Provider> byId = new HashMap<>();
        for (Provider p : providers) byId.put(p.id(), p);
        record Straggler(Attempt attempt, long left) {}
        List<Straggler> stragglers = new ArrayList<>();
        for (List<Attempt> live : byTask.values()) {
            if (live.size() != 1) continue;
            Attempt a = live.getFirst();
            double speed = byId.containsKey(a.provider()) ? byId.get(a.provider()).reputation().speed() : 1.0;
            if (estimateTotalMillis(a, job.medianMillis(), speed, now) > config.slowdown() * job.medianMillis())
                stragglers.add(new Straggler(a, estimateLeftMillis(a, job.medianMillis(), speed, now)));
        }
        stragglers.sort(Comparator.comparingLong(Straggler::left).reversed().thenComparing(s -> s.attempt().task()));

        List<Provider> candidates = providers.stream()
                .filter(p -> p.health() == Health.HEALTHY && p.freeSlots() > 0)
                .filter(p -> p.reputation().speed() <= config.maxBackupSpeed() && p.reputation().reliability() >= config.minBackupReliability())
                .filter(p -> Placement.misfit(p.offer(), job.requirements()).isEmpty())
                .sorted(Comparator.comparingDouble((Provider p) -> p.reputation().speed() / p.reputation().reliability())
                        .thenComparing(p -> p.offer().hourlyPrice(job.requirements().resources()).micros()).thenComparing(Provider::id))
                .toList();
        Map<ProviderId, Integer> slots = new HashMap<>();
        for (Provider p : candidates) slots.put(p.id(), p.freeSlots());

        List<Backup> out = new ArrayList<>();
        for (Straggler s : stragglers) {
            if (out.size() >= room) break;
            Set<ProviderId> busy = new HashSet<>();
            for (Attempt a : byTask.get(s.attempt().task())) busy.add(a.provider());
            long work = Math.max(0, job.medianMillis() - s.attempt().resumedFromMillis());
            for (Provider p : candidates) {
                if (slots.get(p.id()) == 0 || busy.contains(p.id()) || !s.attempt().allows(p.id())) continue;
                if (work * p.reputation().speed() >= s.left()) continue;
                slots.merge(p.id(), -1, Integer::sum);
                out.add(new Backup(s.attempt().task(), p.id(), s.left()));
                break;
            }
        }
        return List.copyOf(out);
    }

    /**
     * How long the task of {@code a} is expected to have run in all when {@code a} finishes, in milliseconds, on a
     * provider of {@code speed} in a job whose median runtime is {@code medianMillis}: from its progress rate if it
     * reports progress past zero; else the median's remaining work at that speed, or what it has run if that is more.
     */
    public static long estimateTotalMillis(Attempt a, long medianMillis, double speed, Instant now) {
        long ran = ranMillis(a, now);
        if (hasProgress(a, ran)) return Math.round(ran / a.progress());
        long expected = a.resumedFromMillis() + Math.round(Math.max(0, medianMillis - a.resumedFromMillis()) * speed);
        return Math.max(ran, expected);
    }

    /**
     * How much longer {@code a} is expected to run, in milliseconds (see {@link #estimateTotalMillis}); an attempt with
     * no progress that has run past its expectation is assumed to need as long again as it has overrun the median.
     */
    public static long estimateLeftMillis(Attempt a, long medianMillis, double speed, Instant now) {
        long ran = ranMillis(a, now);
        long left = estimateTotalMillis(a, medianMillis, speed, now) - ran;
        if (left > 0 || hasProgress(a, ran)) return left;
        return Math.max(0, ran - medianMillis);
    }

    private static boolean hasProgress(Attempt a, long ran) {
        return a.progress() != null && a.progress() > 0 && ran > 0;
    }

    private static long ranMillis(Attempt a, Instant now) {
        return a.resumedFromMillis() + elapsedMillis(a, now);
    }

    private static long elapsedMillis(Attempt a, Instant now) {
        return Math.max(0, Duration.between(a.startedAt(), now).toMillis());
    }
}
