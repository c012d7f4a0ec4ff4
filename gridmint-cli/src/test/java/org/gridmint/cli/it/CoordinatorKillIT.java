package org.gridmint.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.gridmint.api.AttemptView;
import org.gridmint.api.BlobRef;
import org.gridmint.api.JobBill;
import org.gridmint.api.JobView;
import org.gridmint.api.TaskView;
import org.gridmint.cli.it.CliNetwork.CoordinatorProcess;
import org.gridmint.cli.it.CliNetwork.ProviderProcess;
import org.gridmint.core.spec.JobSpecDraft;
import org.junit.jupiter.api.Test;

/**
 * The coordinator process dies by SIGKILL mid-job and is started again on the same data dir and port: the
 * agents reconnect by themselves, the job completes, and nothing that had succeeded is lost or run again.
 */
class CoordinatorKillIT extends ProcessNetworkTest {
    private static final int TASKS = 30;
    private static final int SUCCEEDED_BEFORE_KILL = 5;
    private static final int BURST = 200;


    @Test
    void coordinatorKilledMidJob_restartsOnItsDataDir_andFinishesWithoutLosingOrRedoingWork() {
        Path dataDir = tmp.resolve("coordinator");
        CoordinatorProcess first = net.startCoordinator(dataDir, 0, "500ms");
        List<ProviderProcess> providers = net.startProviders(first.url(), 2, 2);
        client = connect(first.url());
        String jobId = client.submit(secondsOfWork(TASKS), tmp).id();

        JobView before = Eventually.await(SUCCEEDED_BEFORE_KILL + " tasks of " + jobId + " to succeed", DEADLINE, () -> {
            first.process().assertAlive();
            JobView v = client.job(jobId);
            return JobChecks.tasksIn(v, "SUCCEEDED") >= SUCCEEDED_BEFORE_KILL ? Optional.of(v) : Optional.empty();
        });
        first.process().kill();
        assertThat(before.state()).as("the job must still be running when the coordinator dies").isEqualTo("RUNNING");

        CoordinatorProcess second = net.startCoordinator(dataDir, first.port(), "500ms");
        assertThat(second.url()).isEqualTo(first.url());
        JobView done = JobChecks.awaitFinal(client, jobId, DEADLINE, () -> second.process().assertAlive());

        assertThat(done.state()).as("job %s: %s", jobId, done.failureReason()).isEqualTo("SUCCEEDED");
        assertThat(done.tasks()).hasSize(TASKS).allSatisfy(t -> assertThat(t.state()).isEqualTo("SUCCEEDED"));
        for (TaskView was : before.tasks()) {
            if (!"SUCCEEDED".equals(was.state())) continue;
            TaskView now = task(done, was.index());
            AttemptView okBefore = JobChecks.successfulAttempt(was);
            assertThat(JobChecks.successfulAttempt(now)).as("task %d's success, recorded before the kill", was.index()).isEqualTo(okBefore);
            assertThat(now.attempts()).as("attempts of task %d, which had succeeded before the kill", was.index())
                    .isEqualTo(was.attempts());
            BlobRef output = JobChecks.output(was, "out/r.txt");
            assertThat(JobChecks.output(now, "out/r.txt")).isEqualTo(output);
        }
        // Tasks cut short by the outage ran again, but each still has exactly one success.
        for (TaskView task : done.tasks()) JobChecks.successfulAttempt(task);
        providers.forEach(p -> p.process().assertAlive());
        JobChecks.assertResults(client, done, tmp.resolve("results"), "out/r.txt", i -> "task " + i + " of " + TASKS + "\n");
    }

    @Test
    void coordinatorKilledDuringABurstOfCompletions_ledgerVerifiesAfterRestart_andEveryTaskIsPaidExactlyOnce() {
        Path dataDir = tmp.resolve("coordinator");
        CoordinatorProcess first = net.startCoordinator(dataDir, 0, "500ms");
        net.startProviders(first.url(), 3, 4);
        client = connect(first.url());
        String jobId = client.submit(shortTasks(BURST), tmp).id();
        Eventually.await("a burst of completions of " + jobId, DEADLINE, () -> {
            first.process().assertAlive();
            return JobChecks.tasksIn(client.job(jobId), "SUCCEEDED") >= 20 ? Optional.of(true) : Optional.empty();
        });
        first.process().kill();

        Processes.Completed killed = net.verifyLedger(dataDir);
        assertThat(killed.exitCode()).as("ledger verify on the killed coordinator's store:%n%s%s", killed.stdout(), killed.stderr()).isZero();
        CoordinatorProcess second = net.startCoordinator(dataDir, first.port(), "500ms");
        JobView done = JobChecks.awaitFinal(client, jobId, DEADLINE, () -> second.process().assertAlive());
        assertThat(done.state()).as("job %s: %s", jobId, done.failureReason()).isEqualTo("SUCCEEDED");

        Processes.Completed verify = net.verifyLedger(dataDir);
        assertThat(verify.exitCode()).as("ledger verify after the restart:%n%s%s", verify.stdout(), verify.stderr()).isZero();
        assertThat(verify.stdout()).contains("OK: the chain holds");
        JobBill bill = client.bill(jobId);
        assertThat(bill.tasks()).hasSize(BURST).allSatisfy(t -> {
            List<JobBill.AttemptBill> billed = t.attempts().stream().filter(JobBill.AttemptBill::billed).toList();
            assertThat(billed).as("billed attempts of task %d", t.index()).singleElement()
                    .satisfies(a -> assertThat(a.state()).isEqualTo("SUCCEEDED"));
        });
        assertThat(bill.inEscrow()).isZero();
        assertThat(bill.paid().add(bill.fees()).add(bill.refunded())).isEqualByComparingTo(bill.held());
    }

    /** Each task sleeps 0.3 s: a steady stream of completions across 12 slots, long enough to be cut mid-way. */
    private static JobSpecDraft shortTasks(int tasks) {
        return new JobSpecDraft("completion-burst", null, List.of("sh", "-c", "sleep 0.3"), tasks, null, null, null, null, null, "2m", 10, null, null, null)
                .withVerify(JobSpecDraft.VerifyDraft.ofPolicy("none")); // not a verification test: one result per task
    }

    private static TaskView task(JobView job, int index) {
        return job.tasks().stream().filter(t -> t.index() == index).findFirst().orElseThrow();
    }

    /** Each task works about a second, then writes out/r.txt naming itself. */
    private static JobSpecDraft secondsOfWork(int tasks) {
        return new JobSpecDraft("coordinator-restart", null,
                List.of("sh", "-c", "sleep 1 && mkdir -p out && echo \"task $GRIDMINT_TASK_INDEX of $GRIDMINT_TASK_COUNT\" > out/r.txt"),
                tasks, null, null, List.of("out/r.txt"), null, null, "2m", 10, null, null, null)
                .withVerify(JobSpecDraft.VerifyDraft.ofPolicy("none")); // not a verification test: one result per task
    }
}
