package org.gridmint.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gridmint.api.AttemptView;
import org.gridmint.api.JobBill;
import org.gridmint.api.JobView;
import org.gridmint.api.TaskView;
import org.gridmint.cli.it.CliNetwork.CoordinatorProcess;
import org.gridmint.cli.it.CliNetwork.ProviderProcess;
import org.junit.jupiter.api.Test;

/**
 * Stragglers: four agent processes, one of them alive but five times slower, run the same job twice, first with all
 * four at full speed, then with the slow one slow. The slow one's tasks get backups on the others, the first result of
 * each task wins and is the only one billed, and the job's makespan stays within 1.5 times the failure-free run's.
 *
 * <p>The slowness is real: every task sleeps {@value #SECONDS} s, times {@value #SLOWDOWN} when {@code GRIDMINT_PROVIDER_ID}
 * (which the agent sets for its tasks) names the slow agent. The first run's spec names no agent, the second's names the
 * slow one; the agents run their tasks sandboxed where bubblewrap is installed, as in CI, and the sleep works either way.
 * Makespans are the coordinator's own (job created to finished), both measured in this test.
 *
 * <p>Why 24 tasks on 8 slots: three rounds at full speed. With one agent five times slower, the other six slots empty the
 * queue in about three rounds and then race its two tasks, which alone would need five sleeps; a backup is only handed
 * out once no pending task waits for its slot, so the backups end the job about one round after the queue emptied.
 * The per-round overhead (claim, spawn, heartbeats, upload) counts in every round of the failure-free run but only once
 * for the slow agent's long sleeps, so at this size the 1.5x bound is loose: on a loaded two-core machine the runs took
 * 12-13 s failure-free and 13.6-14.5 s with backups, and a run with {@code speculation: {enabled: false}} took 15.3 s.
 * What this test pins down is that the slow agent's tasks are raced, the first result wins, and billing stays one
 * attempt per task.
 */
class SlowProviderIT extends ProcessNetworkTest {
    private static final int AGENTS = 4;
    private static final int SLOTS = 2;
    private static final int TASKS = 24;
    private static final int SECONDS = 3;
    private static final int SLOWDOWN = 5;
    /** The command, for a slow provider id: {@code %s} is replaced by it. */
    private static final String COMMAND = "k=1; if [ \"$GRIDMINT_PROVIDER_ID\" = \"%s\" ]; then k=" + SLOWDOWN + "; fi; sleep $((" + SECONDS
            + " * k)); mkdir -p out && echo $GRIDMINT_TASK_INDEX > out/i.txt";

    @Test
    void aProviderFiveTimesSlower_getsItsTasksBackedUp_andTheMakespanStaysWithinHalfAgainTheFailureFreeRun() throws IOException {
        CoordinatorProcess coordinator = net.startCoordinator(tmp.resolve("coordinator"), 0, "500ms");
        List<ProviderProcess> agents = net.startProviders(coordinator.url(), AGENTS, SLOTS);
        client = connect(coordinator.url());
        ProviderProcess slow = agents.getLast();
        JobView failureFree = run(coordinator, spec(tmp.resolve("spec/fast.yaml"), "nobody"));
        JobView straggly = run(coordinator, spec(tmp.resolve("spec/slow.yaml"), slow.id()));

        Duration baseline = makespan(failureFree);
        Duration withSlow = makespan(straggly);
        System.out.printf("SlowProviderIT: makespan %d ms failure-free, %d ms with %s %dx slower (ratio %.2f)%n", baseline.toMillis(),
                withSlow.toMillis(), slow.id(), SLOWDOWN, (double) withSlow.toMillis() / baseline.toMillis());

        Map<String, AttemptView> byId = JobChecks.attempts(straggly).stream().collect(Collectors.toMap(AttemptView::id, Function.identity()));
        List<TaskView> onSlow = straggly.tasks().stream()
                .filter(t -> t.attempts().stream().anyMatch(a -> slow.id().equals(a.providerId()))).toList();
        assertThat(onSlow).as("tasks the slow agent ran").isNotEmpty();
        for (TaskView t : onSlow) {
            AttemptView original = t.attempts().stream().filter(a -> slow.id().equals(a.providerId())).findFirst().orElseThrow();
            assertThat(t.attempts()).as("attempts of task %d, which %s ran", t.index(), slow.id())
                    .anySatisfy(a -> {
                        assertThat(a.backupOf()).isEqualTo(original.id());
                        assertThat(a.providerId()).isNotEqualTo(slow.id());
                    });
        }
        List<AttemptView> superseded = JobChecks.attempts(straggly).stream().filter(a -> "SUPERSEDED".equals(a.reason())).toList();
        assertThat(superseded).as("attempts that lost their race").isNotEmpty()
                .allSatisfy(a -> assertThat(a.state()).isEqualTo("CANCELLED"));
        for (AttemptView a : JobChecks.attempts(straggly)) {
            if (a.backupOf() != null) assertThat(byId).as("the attempt %s races", a.id()).containsKey(a.backupOf());
        }
        // Losing a race is nobody's fault: the slow agent stopped its superseded tasks without reporting a failure.
        assertThat(client.providers()).filteredOn(p -> p.id().equals(slow.id())).singleElement()
                .satisfies(p -> assertThat(p.failed() + p.lost()).as("failed and lost attempts of %s", slow.id()).isZero());
        Processes.Completed status = net.client(coordinator.url(), "job", "status", straggly.id());
        assertThat(status.exitCode()).as("%s", status).isZero();
        assertThat(status.stdout()).contains("backup of ").contains("SUPERSEDED");

        for (JobView job : List.of(failureFree, straggly)) {
            assertThat(job.state()).as("job %s: %s", job.id(), job.failureReason()).isEqualTo("SUCCEEDED");
            assertThat(JobChecks.tasksIn(job, "SUCCEEDED")).isEqualTo(TASKS);
            job.tasks().forEach(JobChecks::successfulAttempt);
            JobChecks.assertResults(client, job, tmp.resolve("results-" + job.id()), "out/i.txt", i -> i + "\n");
            JobBill bill = client.bill(job.id());
            for (JobBill.TaskBill t : bill.tasks()) {
                assertThat(t.attempts()).as("billed attempts of task %d of %s: %s", t.index(), job.id(), t.attempts())
                        .filteredOn(JobBill.AttemptBill::billed).singleElement()
                        .satisfies(b -> assertThat(b.state()).isEqualTo("SUCCEEDED"));
                assertThat(t.attempts()).filteredOn(b -> "SUPERSEDED".equals(b.reason())).allSatisfy(b -> assertThat(b.billed()).isFalse());
            }
            assertThat(bill.inEscrow().signum()).as("escrow left after job %s", job.id()).isZero();
        }
        assertThat(withSlow.toMillis()).as("makespan with one agent %dx slower against the failure-free run's %d ms", SLOWDOWN, baseline.toMillis())
                .isLessThanOrEqualTo(baseline.toMillis() * 3 / 2);
        agents.forEach(a -> a.process().assertAlive());
    }

    private static Path spec(Path file, String slowProvider) throws IOException {
        return JobChecks.writeSpec(file, """
                name: sleepers
                command: ["sh", "-c", %s]
                tasks: %d
                outputs: ["out/i.txt"]
                timeout: 2m
                retries: 5
                verify: none  # not a verification test: one result per task
                """.formatted(yamlString(COMMAND.formatted(slowProvider)), TASKS));
    }

    private JobView run(CoordinatorProcess coordinator, Path spec) {
        Processes.Completed submit = net.client(coordinator.url(), "job", "submit", spec.toString());
        assertThat(submit.exitCode()).as("%s", submit).isZero();
        return JobChecks.awaitFinal(client, submit.firstLine(), DEADLINE, () -> coordinator.process().assertAlive());
    }

    private static Duration makespan(JobView job) {
        return Duration.between(job.createdAt(), job.finishedAt());
    }

    private static String yamlString(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
