package org.gridmint.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gridmint.api.AttemptView;
import org.gridmint.api.JobView;
import org.gridmint.api.ProviderView;
import org.gridmint.api.TaskView;
import org.gridmint.api.json.Json;
import org.gridmint.cli.it.CliNetwork.CoordinatorProcess;
import org.gridmint.cli.it.CliNetwork.ProviderProcess;
import org.junit.jupiter.api.Test;

/**
 * A provider process dies by SIGKILL while it runs tasks: the coordinator notices the missing heartbeats,
 * records its attempts as lost, and the other providers finish the job.
 */
class ProviderKillIT extends ProcessNetworkTest {
    private static final int TASKS = 20;


    @Test
    void providerKilledMidTask_itsAttemptsEndLost_andTheJobSucceedsOnTheOthers() {
        CoordinatorProcess coordinator = net.startCoordinator(tmp.resolve("coordinator"), 0, "500ms");
        List<ProviderProcess> providers = net.startProviders(coordinator.url(), 3, 2);
        Map<String, ProviderProcess> byId = providers.stream().collect(Collectors.toMap(ProviderProcess::id, Function.identity()));
        client = connect(coordinator.url());
        Path spec = JobChecks.writeSpec(tmp.resolve("spec/slow.yaml"), """
                name: slow-triples
                command: ["sh", "-c", "sleep 2 && mkdir -p out && echo $((GRIDMINT_TASK_INDEX * 3)) > out/v.txt"]
                tasks: %d
                outputs: ["out/v.txt"]
                timeout: 2m
                retries: 10
                verify: none  # not a verification test: one result per task
                """.formatted(TASKS));

        Processes.Completed submit = net.client(coordinator.url(), "job", "submit", spec.toString());
        assertThat(submit.exitCode()).as("%s", submit).isZero();
        String jobId = submit.firstLine();

        AttemptView running = Eventually.await("an attempt of " + jobId + " to be RUNNING", DEADLINE, () -> {
            coordinator.process().assertAlive();
            return JobChecks.attempts(client.job(jobId)).stream().filter(a -> "RUNNING".equals(a.state())).findFirst();
        });
        ProviderProcess victim = byId.get(running.providerId());
        assertThat(victim).as("provider %s of the running attempt among %s", running.providerId(), byId.keySet()).isNotNull();
        victim.process().kill();

        JobView done = JobChecks.awaitFinal(client, jobId, DEADLINE, () -> coordinator.process().assertAlive());

        assertThat(done.state()).as("job %s: %s", jobId, done.failureReason()).isEqualTo("SUCCEEDED");
        // The record as the CLI shows it, which is the coordinator's view.
        Processes.Completed status = net.client(coordinator.url(), "job", "status", jobId, "--json");
        assertThat(status.exitCode()).as("%s", status).isZero();
        JobView record = Json.read(status.stdout().getBytes(StandardCharsets.UTF_8), JobView.class);
        assertThat(record.state()).isEqualTo("SUCCEEDED");

        List<AttemptView> victims = JobChecks.attempts(record).stream().filter(a -> victim.id().equals(a.providerId())).toList();
        assertThat(victims).as("attempts on the killed provider %s", victim.id())
                .anySatisfy(a -> assertThat(a.state()).isEqualTo("LOST"))
                .allSatisfy(a -> {
                    // CANCELLED only as a straggler's attempt that a backup beat (a loaded machine can slow a task that much).
                    assertThat(a.state()).isIn("SUCCEEDED", "LOST", "CANCELLED");
                    if (a.state().equals("LOST")) assertThat(a.reason()).isEqualTo("PROVIDER_LOST");
                    if (a.state().equals("CANCELLED")) assertThat(a.reason()).isEqualTo("SUPERSEDED");
                });
        for (TaskView task : record.tasks()) {
            AttemptView ok = JobChecks.successfulAttempt(task);
            boolean lostOnVictim = task.attempts().stream().anyMatch(a -> victim.id().equals(a.providerId()) && "LOST".equals(a.state()));
            if (lostOnVictim) assertThat(ok.providerId()).as("provider of task %d's success", task.index()).isNotEqualTo(victim.id());
        }
        providers.stream().filter(p -> p != victim).forEach(p -> p.process().assertAlive());
        ProviderView dead = Eventually.await("provider " + victim.id() + " to be shown LOST", DEADLINE, () ->
                client.providers().stream().filter(p -> p.id().equals(victim.id()) && "LOST".equals(p.health())).findFirst());
        assertThat(dead.lost()).isPositive();
        JobChecks.assertResults(client, record, tmp.resolve("results"), "out/v.txt", i -> (i * 3) + "\n");
    }
}
