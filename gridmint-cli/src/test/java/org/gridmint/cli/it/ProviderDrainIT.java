package org.gridmint.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.gridmint.api.AttemptView;
import org.gridmint.api.JobView;
import org.gridmint.cli.it.CliNetwork.CoordinatorProcess;
import org.gridmint.cli.it.CliNetwork.ProviderProcess;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM drains a provider process: it stops claiming, its running task outlives the grace period and is handed
 * back (HANDED_BACK, not counted against the job's retries), the process exits once drained, and the task waits in the queue
 * for another provider.
 */
class ProviderDrainIT extends ProcessNetworkTest {


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
        assertThat(first.reason()).isEqualTo("HANDED_BACK");
        assertThat(handedBack.tasks().getFirst().state()).isEqualTo("PENDING");
        assertThat(handedBack.tasks().getFirst().failures()).isZero();
        assertThat(draining.process().stderr()).contains("draining: no new work").contains("agent stopped");
        assertThat(handedBack.state()).isEqualTo("RUNNING");
    }
}
