package org.gridmint.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.gridmint.api.AttemptView;
import org.gridmint.api.JobView;
import org.gridmint.api.TaskView;
import org.gridmint.api.auth.Identity;
import org.gridmint.client.GridmintClient;
import org.gridmint.coordinator.Coordinator;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.coordinator.ledger.LedgerVerifier;
import org.gridmint.core.spec.JobSpecDraft;
import org.gridmint.provider.agent.AgentConfig;
import org.gridmint.provider.agent.AgentEvent;
import org.gridmint.provider.agent.ProviderAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint failover end to end, in this JVM over real HTTP: a task that counts, keeping its counter in
 * GRIDMINT_CHECKPOINT_DIR, loses its provider to a crash after its first checkpoint, and finishes on another
 * provider that resumed from that checkpoint instead of from zero.
 */
class CheckpointFailoverIT {
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    /** Counts to 100 in steps of 0.1 s, from the saved counter if there is one; prints where it started. */
    private static final String COUNTER = "d=\"$GRIDMINT_CHECKPOINT_DIR\"; n=$(cat \"$d/n\" 2>/dev/null || echo 0); start=$n; "
            + "while [ \"$n\" -lt 100 ]; do n=$((n + 1)); echo $n > t && mv t \"$d/n\"; sleep 0.1; done; "
            + "mkdir -p out; echo \"started at $start, ended at $n\" > out/count.txt";

    @TempDir Path tmp;
    private Coordinator coordinator;
    private final List<ProviderAgent> agents = new CopyOnWriteArrayList<>();
    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    private GridmintClient client;

    @AfterEach
    void stopNetwork() {
        if (client != null) client.close();
        for (ProviderAgent agent : agents) agent.shutdown(Duration.ZERO);
        if (coordinator != null) {
            try {
                assertThat(LedgerVerifier.verify(coordinator.store()).breaks()).as("ledger verify after the test").isEmpty();
            } finally {
                coordinator.close();
            }
        }
    }

    private ProviderAgent agent(URI url, String name) throws Exception {
        ProviderAgent agent = new ProviderAgent(AgentConfig.builder(url, tmp.resolve(name)).name(name).price(new BigDecimal("0.2")).slots(1)
                .allowUnsandboxed(true).claimWait(Duration.ofSeconds(1)).build());
        agent.addListener(events::add);
        agents.add(agent);
        agent.start();
        agent.registration().get(60, TimeUnit.SECONDS);
        return agent;
    }

    @Test
    void taskWhoseProviderCrashes_resumesFromItsCheckpoint_onAnotherProvider() throws Exception {
        var config = CoordinatorConfig.defaults(tmp.resolve("coordinator")).withPort(0).withHeartbeat(Duration.ofSeconds(1)).withDevFaucet(true);
        coordinator = new Coordinator(config, InstantSource.system()).start();
        URI url = URI.create(coordinator.url());
        ProviderAgent first = agent(url, "first");
        client = new GridmintClient(url, Identity.generate());
        client.faucet(CliNetwork.CLIENT_FUNDS, "it-client-funds");

        JobView submitted = client.submit(new JobSpecDraft("counter", null, List.of("sh", "-c", COUNTER), 1, null, null, List.of("out/count.txt"),
                null, null, "2m", 3, null, null, new JobSpecDraft.CheckpointDraft("1s")).withVerify(JobSpecDraft.VerifyDraft.ofPolicy("none")), tmp);
        Eventually.until("the first provider's first checkpoint", DEADLINE, () -> events.stream().anyMatch(e -> e instanceof AgentEvent.CheckpointSaved));
        first.crash();
        agent(url, "second");

        JobView done = JobChecks.awaitFinal(client, submitted.id(), DEADLINE, () -> {});

        assertThat(done.state()).as("job %s: %s", done.id(), done.failureReason()).isEqualTo("SUCCEEDED");
        TaskView task = done.tasks().getFirst();
        assertThat(task.attempts()).hasSize(2);
        AttemptView lost = task.attempts().getFirst();
        AttemptView resumed = task.attempts().get(1);
        assertThat(lost.state()).isEqualTo("LOST");
        assertThat(lost.resumedFrom()).isNull();
        assertThat(resumed.state()).isEqualTo("SUCCEEDED");
        assertThat(resumed.resumedFrom()).isEqualTo(lost.id());
        assertThat(resumed.providerId()).isNotEqualTo(lost.providerId());
        assertThat(task.checkpoint()).as("the resumed attempt checkpointed too").isNotNull();

        List<Path> files = client.downloadResults(done.id(), tmp.resolve("results"));
        String count = Files.readString(files.getFirst()).strip();
        assertThat(count).endsWith("ended at 100");
        int start = Integer.parseInt(count.substring("started at ".length(), count.indexOf(',')));
        assertThat(start).as("where the second attempt started counting: %s", count).isPositive().isLessThan(100);
    }
}
