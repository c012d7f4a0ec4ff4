package org.gridmint.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridmint.api.AttemptView;
import org.gridmint.api.CheckpointView;
import org.gridmint.api.JobBill;
import org.gridmint.api.JobView;
import org.gridmint.api.TaskView;
import org.gridmint.cli.it.CliNetwork.CoordinatorProcess;
import org.gridmint.cli.it.CliNetwork.ProviderProcess;
import org.junit.jupiter.api.Test;

/**
 * Churn: 8 provider agent processes run a 200-task job whose tasks checkpoint, and 30% of them die by SIGKILL
 * at different moments of the job, each replaced by a fresh agent. Every task still succeeds, a task whose
 * provider died resumes from its checkpoint instead of from zero, the work lost per kill is under the
 * checkpoint cadence (an interval plus a save, asserted as under two intervals), and the bill charges only useful work: the
 * succeeded attempt of each task in full, and each lost attempt whose checkpoint the winner's chain resumed from up to that
 * checkpoint; everything else is unbilled.
 *
 * <p>Backups of stragglers are turned off: this test measures what checkpoints save when providers die, and a backup
 * racing a loaded machine's slow task would blur which attempt resumed from which ({@link SlowProviderIT} covers them).
 *
 * <p>The victims and the order of the kills come from a seeded {@link Random}; the seed is printed and named
 * in every failure. Rerun one with {@code -Dgridmint.churn.seed=SEED} (passed to failsafe's JVM).
 */
class ChurnIT extends ProcessNetworkTest {
    private static final int AGENTS = 8;
    private static final int TASKS = 200;
    /** 30% of the agents, rounded up: one kill at each of {@link #KILL_AT}. */
    private static final int KILLS = 3;
    /** Kill the next victim once this share of the tasks has succeeded. */
    private static final double[] KILL_AT = {0.2, 0.4, 0.6};
    private static final long CHECKPOINT_INTERVAL_MILLIS = 1000;
    /** Small JVMs: ten of them share a two-core machine. */
    private static final String AGENT_HEAP = "160m";
    private static final Duration JOB_DEADLINE = Duration.ofMinutes(5);
    private static final int STEPS = 15;
    /**
     * Counts to {@value #STEPS} in steps of 0.1 s (2 to 3 s on a loaded two-core machine), from the counter saved in the checkpoint dir if
     * there is one, saving it at each step; the output names where it started.
     */
    private static final String COUNTER = "d=\"$GRIDMINT_CHECKPOINT_DIR\"; n=$(cat \"$d/n\" 2>/dev/null || echo 0); start=$n; "
            + "while [ \"$n\" -lt " + STEPS + " ]; do n=$((n + 1)); echo $n > t && mv t \"$d/n\"; sleep 0.1; done; "
            + "mkdir -p out; echo \"started at $start, ended at $n\" > out/count.txt";
    private static final Pattern COUNT = Pattern.compile("^started at (\\d+), ended at (\\d+)$");

    /** Every task's latest checkpoint as each poll saw it, by the attempt that took it (the view keeps only the latest). */
    private final Map<String, CheckpointView> lastCheckpointOf = new ConcurrentHashMap<>();

    @Test
    void killingAThirdOfTheAgentsDuringAJob_losesAtMostACheckpointCadencePerFailure_andBillsOnlyUsefulWork() throws IOException {
        long seed = Long.getLong("gridmint.churn.seed", System.nanoTime());
        String run = "churn seed " + seed;
        System.out.println("ChurnIT: " + run + " (rerun with -Dgridmint.churn.seed=" + seed + ")");
        Random random = new Random(seed);
        long began = System.nanoTime();

        CoordinatorProcess coordinator = net.startCoordinator(tmp.resolve("coordinator"), 0, "500ms");
        Runnable guard = () -> coordinator.process().assertAlive();
        List<RunningProcess> launched = new ArrayList<>();
        for (int i = 1; i <= AGENTS; i++) launched.add(net.launchProvider(coordinator.url(), "provider-" + i, 1 + random.nextInt(2), AGENT_HEAP));
        List<ProviderProcess> agents = launched.stream().map(net::awaitRegistered).toList();
        client = connect(coordinator.url());

        Path spec = JobChecks.writeSpec(tmp.resolve("spec/churn.yaml"), """
                name: churn-counters
                command: ["sh", "-c", %s]
                tasks: %d
                outputs: ["out/count.txt"]
                timeout: 2m
                retries: 10
                checkpoint: {interval: %dms}
                speculation: {enabled: false}
                verify: none  # not a verification test: one result per task
                """.formatted(yamlString(COUNTER), TASKS, CHECKPOINT_INTERVAL_MILLIS));
        Processes.Completed submit = net.client(coordinator.url(), "job", "submit", spec.toString());
        assertThat(submit.exitCode()).as("%s: %s", run, submit).isZero();
        String jobId = submit.firstLine();

        List<ProviderProcess> victims = new ArrayList<>(agents);
        Collections.shuffle(victims, random);
        victims = victims.subList(0, KILLS);
        Map<String, Instant> killedAt = new HashMap<>();
        for (int k = 0; k < KILLS; k++) {
            ProviderProcess victim = victims.get(k);
            long due = Math.round(TASKS * KILL_AT[k]);
            Eventually.until(run + ": " + due + " tasks of " + jobId + " to succeed", JOB_DEADLINE, () -> {
                guard.run();
                return JobChecks.tasksIn(poll(jobId), "SUCCEEDED") >= due;
            });
            // Kill it while it runs a task that has checkpointed, so each kill loses work a checkpoint can save.
            Eventually.until(run + ": " + victim.id() + " to run a task that checkpointed", JOB_DEADLINE, () -> {
                guard.run();
                return poll(jobId).tasks().stream().anyMatch(t -> t.checkpoint() != null && t.attempts().stream().anyMatch(a ->
                        "RUNNING".equals(a.state()) && victim.id().equals(a.providerId()) && a.id().equals(t.checkpoint().attemptId())));
            });
            victim.process().killTree(); // SIGKILL to the agent and its tasks at once, as a machine dying would
            killedAt.put(victim.id(), Instant.now());
            System.out.printf("ChurnIT: killed %s (%s) at %s%n", victim.process().name(), victim.id(), killedAt.get(victim.id()));
            net.awaitRegistered(net.launchProvider(coordinator.url(), "replacement-" + (k + 1), 1 + random.nextInt(2), AGENT_HEAP));
        }

        JobView done = Eventually.await(run + ": job " + jobId + " to end", JOB_DEADLINE, () -> {
            guard.run();
            JobView v = poll(jobId);
            return org.gridmint.client.JobStates.isFinal(v.state()) ? Optional.of(v) : Optional.empty();
        });
        System.out.printf("ChurnIT: job ended %s after %d s%n", done.state(), Duration.ofNanos(System.nanoTime() - began).toSeconds());

        assertThat(done.state()).as("%s: job %s: %s", run, jobId, done.failureReason()).isEqualTo("SUCCEEDED");
        assertThat(JobChecks.tasksIn(done, "SUCCEEDED")).as(run).isEqualTo(TASKS);
        agents.stream().filter(a -> !killedAt.containsKey(a.id())).forEach(a -> a.process().assertAlive());

        Map<Integer, Integer> startedAt = counterStarts(jobId, done);
        List<Long> lostWork = new ArrayList<>();
        int resumed = 0;
        int falselyLost = 0;
        for (TaskView task : done.tasks()) {
            String what = run + ": task " + task.index() + " " + task.attempts();
            AttemptView ok = JobChecks.successfulAttempt(task);
            List<AttemptView> attempts = task.attempts();
            for (int i = 0; i < attempts.size(); i++) {
                AttemptView a = attempts.get(i);
                assertThat(a.state()).as(what).isIn("SUCCEEDED", "LOST");
                if (!"LOST".equals(a.state())) continue;
                // A LOST attempt is on a killed provider, or on a living one whose heartbeats the coordinator missed
                // (a loaded two-core machine can delay a 500 ms heartbeat past its lease): both must resume.
                assertThat(a.reason()).as(what).isEqualTo("PROVIDER_LOST");
                if (!killedAt.containsKey(a.providerId())) falselyLost++;
                CheckpointView saved = lastCheckpointOf.get(a.id());
                if (saved == null) continue; // it was lost before its first checkpoint: nothing to resume from
                AttemptView next = attempts.get(i + 1);
                assertThat(next.resumedFrom()).as("%s: the attempt after LOST %s, which checkpointed", what, a.id()).isEqualTo(a.id());
                if (!killedAt.containsKey(a.providerId())) continue; // no kill time to measure its lost work against
                // Work lost: how long the attempt ran until its provider was killed (or, if the coordinator had already
                // declared it lost, until then), less how long it had run at its last checkpoint. Its start is the
                // coordinator's record, on this machine's clock; the checkpoint's runtime is the agent's measure.
                Instant end = a.endedAt().isBefore(killedAt.get(a.providerId())) ? a.endedAt() : killedAt.get(a.providerId());
                long ran = Duration.between(a.startedAt(), end).toMillis();
                long lost = ran - saved.runtimeMillis();
                lostWork.add(lost);
                // The bound is the checkpointer's cadence, not one bare interval: it snapshots one interval after the
                // previous save returned, so a kill during a save (pack, upload, report) loses that interval plus the
                // save. The data here cannot separate save time from lost work, so the assertion is < 2 intervals.
                assertThat(lost).as("%s: work lost by %s (ran %d ms, last checkpoint at %d ms)", what, a.id(), ran, saved.runtimeMillis())
                        .isLessThan(2 * CHECKPOINT_INTERVAL_MILLIS);
                System.out.printf("ChurnIT: task %d attempt %s ran %d ms, last checkpoint at %d ms (recorded %s): lost %d ms%n",
                        task.index(), a.id(), ran, saved.runtimeMillis(), saved.at(), lost);
            }
            if (ok.resumedFrom() != null) {
                resumed++;
                assertThat(startedAt.get(task.index())).as("%s: counter start of the resumed attempt", what).isPositive();
            } else {
                assertThat(startedAt.get(task.index())).as("%s: counter start of an attempt that started afresh", what).isZero();
            }
        }
        System.out.printf("ChurnIT: %d tasks resumed, %d attempts lost on living providers, lost work per kill (ms): %s%n", resumed, falselyLost, lostWork);
        assertThat(resumed).as("%s: tasks that resumed from a checkpoint (each kill hit a task that had one)", run).isPositive();

        JobBill bill = client.bill(jobId);
        assertThat(bill.tasks()).as(run).hasSize(TASKS);
        int partlyBilled = 0;
        for (JobBill.TaskBill t : bill.tasks()) {
            String what = run + ": task " + t.index() + " " + t.attempts();
            TaskView task = done.tasks().get(t.index());
            Map<String, String> resumedFrom = new HashMap<>();
            task.attempts().forEach(a -> resumedFrom.put(a.id(), a.resumedFrom()));
            // The winner's chain: the attempts whose checkpoints it was built on, each resumed by the next.
            java.util.Set<String> chain = new java.util.HashSet<>();
            for (String from = JobChecks.successfulAttempt(task).resumedFrom(); from != null && chain.add(from); from = resumedFrom.get(from)) { }
            List<JobBill.AttemptBill> full = t.attempts().stream().filter(a -> a.billed() && "SUCCEEDED".equals(a.state())).toList();
            assertThat(full).as("%s: the succeeded attempt, billed in full", what).singleElement()
                    .satisfies(a -> assertThat(a.billedMillis()).isEqualTo(a.runtimeMillis()));
            for (JobBill.AttemptBill a : t.attempts()) {
                if ("SUCCEEDED".equals(a.state())) continue;
                if (!chain.contains(a.attemptId())) {
                    assertThat(a.billed()).as("%s: %s left no checkpoint that was resumed", what, a.attemptId()).isFalse();
                    assertThat(a.billedMillis()).as(what).isZero();
                    continue;
                }
                partlyBilled++;
                assertThat(a.billed()).as("%s: %s, whose checkpoint was resumed", what, a.attemptId()).isTrue();
                assertThat(a.billedMillis()).as("%s: billed up to its checkpoint only", what).isPositive().isLessThan(a.runtimeMillis());
                assertThat(a.why()).as(what).startsWith("billed up to its checkpoint");
            }
        }
        System.out.printf("ChurnIT: %d lost attempts billed up to their checkpoint; %d ms useful, %d ms unbilled%n", partlyBilled,
                bill.usefulMillis(), bill.unbilledMillis());
        assertThat(partlyBilled).as("%s: lost attempts billed up to their checkpoint (each kill hit a task that had one)", run).isPositive();
        assertThat(bill.inEscrow().signum()).as("%s: escrow left after the job", run).isZero();
    }

    /** Fetches the job and remembers each task's latest checkpoint under the attempt that took it. */
    private JobView poll(String jobId) {
        JobView v = client.job(jobId);
        for (TaskView t : v.tasks()) {
            CheckpointView c = t.checkpoint();
            if (c != null) lastCheckpointOf.merge(c.attemptId(), c, (old, now) -> now.runtimeMillis() >= old.runtimeMillis() ? now : old);
        }
        return v;
    }

    /** Each task's counter start, from its downloaded output. */
    private Map<Integer, Integer> counterStarts(String jobId, JobView done) throws IOException {
        Path dir = tmp.resolve("results");
        client.downloadResults(jobId, dir);
        Map<Integer, Integer> starts = new HashMap<>();
        for (TaskView task : done.tasks()) {
            String line = Files.readString(dir.resolve(String.format("task-%05d", task.index())).resolve("out/count.txt")).strip();
            Matcher m = COUNT.matcher(line);
            assertThat(m.matches()).as("output of task %d: %s", task.index(), line).isTrue();
            assertThat(Integer.parseInt(m.group(2))).as("output of task %d: %s", task.index(), line).isEqualTo(STEPS);
            starts.put(task.index(), Integer.parseInt(m.group(1)));
        }
        return starts;
    }

    private static String yamlString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
