package org.gridmint.provider.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.provider.testing.Fixtures.assignment;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.gridmint.api.Assignment;
import org.gridmint.api.BlobRef;
import org.gridmint.provider.hardware.GpuProbe;
import org.gridmint.provider.sandbox.Limiters;
import org.gridmint.provider.sandbox.UnsandboxedRunner;
import org.gridmint.provider.testing.Eventually;
import org.gridmint.provider.testing.MemoryBlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real agent with fault injection on, against the fake coordinator: what it uploads and how it registers. */
class FaultInjectingAgentTest {
    private static final Map<String, String> ALLOWED = Map.of(FaultInjection.ENV_VAR, FaultInjection.ENV_VALUE);

    @TempDir
    Path dataDir;

    FakeCoordinator coordinator;
    ProviderAgent agent;

    @BeforeEach
    void startCoordinator() throws Exception {
        coordinator = new FakeCoordinator().start();
    }

    @AfterEach
    void stopEverything() {
        if (agent != null) agent.shutdown(Duration.ZERO);
        coordinator.close();
    }

    private ProviderAgent start(FaultInjection faults) {
        AgentConfig config = AgentConfig.builder(coordinator.uri(), dataDir).name("cheater").claimWait(Duration.ofSeconds(1))
                .maxBackoff(Duration.ofMillis(200)).killGrace(Duration.ofMillis(500)).faultInjection(faults).build();
        agent = new ProviderAgent(config, new UnsandboxedRunner(Limiters.NONE), GpuProbe.none());
        agent.start();
        return agent;
    }

    private static Assignment task(int index) {
        return assignment("printf 'result-%s' $GRIDMINT_TASK_INDEX > answer.txt").withJobId("job-faults").withTask(index, 8)
                .withOutputs("answer.txt").build();
    }

    @Test
    void agentAtRateOne_uploadsTheCorruptedBytes_andSaysSoInItsVersion() {
        FaultInjection faults = FaultInjection.enable(1.0, 77, ALLOWED);
        Assignment task = task(2);
        coordinator.offer(task);

        start(faults);
        Eventually.await("the completion", () -> coordinator.completed.containsKey(task.attemptId()));

        BlobRef answer = coordinator.completed.get(task.attemptId()).outputs().getFirst();
        byte[] wrong = faults.corrupt("result-2".getBytes(StandardCharsets.UTF_8), "job-faults", 2, "answer.txt");
        assertThat(answer.sha256()).isEqualTo(MemoryBlobStore.sha256(wrong));
        assertThat(coordinator.blobDigestMismatches).isEmpty();
        assertThat(faults.corruptedResults()).isEqualTo(1);
        assertThat(coordinator.registrations).singleElement()
                .satisfies(r -> assertThat(r.agentVersion()).startsWith("gridmint-provider/").endsWith("+fault-injection"));
    }

    @Test
    void agentAtRateZero_uploadsTheTrueBytes() {
        FaultInjection faults = FaultInjection.enable(0.0, 77, ALLOWED);
        Assignment task = task(3);
        coordinator.offer(task);

        start(faults);
        Eventually.await("the completion", () -> coordinator.completed.containsKey(task.attemptId()));

        BlobRef answer = coordinator.completed.get(task.attemptId()).outputs().getFirst();
        assertThat(coordinator.blobText(answer.sha256())).isEqualTo("result-3");
        assertThat(faults.corruptedResults()).isZero();
    }

    @Test
    void honestAgent_registersWithoutTheFaultSuffix() {
        start(null).registration().join();

        assertThat(coordinator.registrations).singleElement().satisfies(r -> assertThat(r.agentVersion()).doesNotContain("fault"));
    }
}
