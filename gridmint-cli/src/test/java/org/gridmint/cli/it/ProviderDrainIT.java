package org.gridmint.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gridmint.api.AttemptView;
import org.gridmint.api.JobView;
import org.gridmint.api.TaskView;
import org.gridmint.cli.it.CliNetwork.CoordinatorProcess;
import org.gridmint.cli.it.CliNetwork.ProviderProcess;
import org.junit.jupiter.api.Test;

/**
 * Draining provider processes. SIGTERM: the agent stops claiming, its running task outlives the grace period and is
 * handed back (PROVIDER_DRAINED, not counted against the job's retries), the process exits once drained, and the task
 * waits in the queue for another provider. {@code gridmint provider drain}: the owner's request reaches the agent
 * through the coordinator; it checkpoints its task, hands it back, exits 0, and another agent resumes the task from
 * that checkpoint.
 */
class ProviderDrainIT extends ProcessNetworkTest {
    /** Counts to 100 in steps of 0.1 s from the saved counter, if any; the output says where it started. */
    private static final String COUNTER = "d=\"$GRIDMINT_CHECKPOINT_DIR\"; n=$(cat \"$d/n\" 2>/dev/null || echo 0); start=$n; "
            + "while [ \"$n\" -lt 100 ]; do n=$((n + 1)); echo $n > t && mv t \"$d/n\"; sleep 0.1; done; "
            + "mkdir -p out; echo \"started at $start, ended at $n\" > out/count.txt";

    @Test
    void sigterm_handsBackTheRunningTask_andRequeuesItWithoutAFailure() {
        CoordinatorProcess coordinator = net.startCoordinator(tmp.resolve("coordinator"), 0, "500ms");
        ProviderProcess draining = net.startProvider(coordinator.url(), "draining", 1, "--shutdown-grace", "1s");
        client = connect(coordinator.url());
        // retries: 0 — a hand-back must not count as a failure, or this job would fail.
        Path spec = JobChecks.writeSpec(tmp.resolve("spec/long.yaml"), """
                name: long-task
                command: ["sh", "-c", "sleep 30; mkdir -p out && echo done > out/v.txt"]
                tasks: 1
                outputs: ["out/v.txt"]
                timeout: 2m
                retries: 0
                verify: none  # not a verification test: one result per task
                """);
        Processes.Completed submit = net.client(coordinator.url(), "job", "submit", spec.toString());
        assertThat(submit.exitCode()).as("%s", submit).isZero();
        String jobId = submit.firstLine();
        Eventually.await("the task to run on the draining provider", DEADLINE,
                () -> JobChecks.attempts(client.job(jobId)).stream().filter(a -> "RUNNING".equals(a.state())).findFirst());

        draining.process().terminate();
        // 143 = 128 + SIGTERM: the JVM's status after a signal, reached only once the drain hook returned.
        assertThat(draining.process().awaitExit(DEADLINE)).as(draining.process().describe()).isEqualTo(143);

        JobView handedBack = client.job(jobId);
        AttemptView first = handedBack.tasks().getFirst().attempts().getFirst();
        assertThat(first.providerId()).isEqualTo(draining.id());
        assertThat(first.reason()).isEqualTo("PROVIDER_DRAINED");
        assertThat(handedBack.tasks().getFirst().state()).isEqualTo("PENDING");
        assertThat(handedBack.tasks().getFirst().failures()).isZero();
        assertThat(draining.process().stderr()).contains("draining: no new work").contains("agent stopped");
        assertThat(handedBack.state()).isEqualTo("RUNNING");
    }

    @Test
    void providerDrainCommand_checkpointsTheRunningTask_exits0_andAnotherAgentResumesIt() throws Exception {
        CoordinatorProcess coordinator = net.startCoordinator(tmp.resolve("coordinator"), 0, "500ms");
        ProviderProcess drained = net.startProvider(coordinator.url(), "drained", 1);
        client = connect(coordinator.url());
        Path spec = JobChecks.writeSpec(tmp.resolve("spec/counter.yaml"), """
                name: counter
                command: ["sh", "-c", %s]
                tasks: 1
                outputs: ["out/count.txt"]
                timeout: 2m
                retries: 0
                verify: none  # not a verification test: one result per task
                checkpoint: {interval: 1s}
                """.formatted(yamlString(COUNTER)));
        Processes.Completed submit = net.client(coordinator.url(), "job", "submit", spec.toString());
        assertThat(submit.exitCode()).as("%s", submit).isZero();
        String jobId = submit.firstLine();
        Eventually.until("a checkpoint of the running task", DEADLINE, () -> {
            TaskView t = client.job(jobId).tasks().getFirst();
            return t.checkpoint() != null && t.checkpoint().runtimeMillis() > 0;
        });

        Processes.Completed drain = net.asProviderOwner(coordinator.url(), "drained", "provider", "drain", drained.id(), "--wait", "--timeout", "90s");

        assertThat(drain.exitCode()).as("%s", drain).isZero();
        assertThat(drain.stdout()).contains(drained.id() + " draining").contains(drained.id() + " drained");
        assertThat(drained.process().awaitExit(DEADLINE)).as(drained.process().describe()).isZero();
        assertThat(drained.process().stderr()).contains("draining at the owner's request");
        assertThat(client.providers()).filteredOn(p -> p.id().equals(drained.id())).singleElement()
                .satisfies(p -> assertThat(p.health()).isEqualTo("DRAINING"));
        TaskView handedBack = client.job(jobId).tasks().getFirst();
        assertThat(handedBack.state()).isEqualTo("PENDING");
        assertThat(handedBack.checkpoint().attemptId()).as("the drained attempt's checkpoint is the task's").isEqualTo(handedBack.attempts().getFirst().id());

        ProviderProcess next = net.startProvider(coordinator.url(), "next", 1);
        JobView done = JobChecks.awaitFinal(client, jobId, DEADLINE, () -> {});

        assertThat(done.state()).as("job %s: %s", jobId, done.failureReason()).isEqualTo("SUCCEEDED");
        TaskView task = done.tasks().getFirst();
        assertThat(task.failures()).isZero();
        assertThat(task.attempts()).hasSize(2);
        AttemptView first = task.attempts().getFirst();
        AttemptView second = task.attempts().get(1);
        assertThat(first.providerId()).isEqualTo(drained.id());
        assertThat(first.reason()).isEqualTo("PROVIDER_DRAINED");
        assertThat(second.providerId()).isEqualTo(next.id());
        assertThat(second.resumedFrom()).isEqualTo(first.id());
        String count = Files.readString(client.downloadResults(jobId, tmp.resolve("results")).getFirst()).strip();
        assertThat(count).endsWith("ended at 100");
        int start = Integer.parseInt(count.substring("started at ".length(), count.indexOf(',')));
        assertThat(start).as("where the resumed attempt started counting: %s", count).isPositive();
    }

    private static String yamlString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
