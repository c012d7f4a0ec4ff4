package org.gridmint.provider.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.gridmint.api.Assignment;
import org.gridmint.api.BlobRef;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.FailRequest;
import org.gridmint.api.ModelOffer;
import org.gridmint.embed.Vectors;
import org.gridmint.provider.hardware.GpuProbe;
import org.gridmint.provider.runtime.EmbedRuntime;
import org.gridmint.provider.sandbox.Limiters;
import org.gridmint.provider.sandbox.UnsandboxedRunner;
import org.gridmint.provider.testing.Eventually;
import org.gridmint.provider.testing.Fixtures;
import org.gridmint.provider.testing.MemoryBlobStore;
import org.gridmint.provider.testing.TestModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real agent serving the real int8 model against the fake coordinator: what it advertises, and an embed task end to end. */
class EmbedAgentTest {
    @TempDir Path dataDir;
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

    private AgentConfig.Builder config() {
        return AgentConfig.builder(coordinator.uri(), dataDir).name("embedder").claimWait(Duration.ofSeconds(1)).maxBackoff(Duration.ofMillis(200))
                .killGrace(Duration.ofMillis(500));
    }

    private ProviderAgent start(AgentConfig config, boolean sharedModels) {
        agent = new ProviderAgent(config, new UnsandboxedRunner(Limiters.NONE), GpuProbe.none(), sharedModels ? TestModels.registry() : null);
        agent.start();
        agent.registration().join();
        return agent;
    }

    private BlobRef shard(List<String> texts) {
        byte[] b = TestModels.shard(0, texts);
        String sha = MemoryBlobStore.sha256(b);
        coordinator.blobs.put(sha, b);
        return new BlobRef(EmbedRuntime.SHARD, sha, b.length);
    }

    @Test
    void registration_offersEveryServedModel_onTheCpu_atTheTokenPrice() {
        start(config().models(List.of("all-minilm-l6-v2-q", "all-minilm-l6-v2")).tokenPrice(new BigDecimal("0.035")).build(), false);

        assertThat(coordinator.registrations).singleElement().satisfies(r -> assertThat(r.models()).containsExactly(
                new ModelOffer("all-minilm-l6-v2-q", "cpu", 384, new BigDecimal("0.035")),
                new ModelOffer("all-minilm-l6-v2", "cpu", 384, new BigDecimal("0.035"))));
        assertThat(agent.models().registry().models()).hasSize(2);
        assertThat(agent.models().describe()).startsWith("serving all-minilm-l6-v2-q, all-minilm-l6-v2 on cpu (no GPU found)");
    }

    @Test
    void registration_withModelsNone_offersNothing() {
        start(config().models(List.of()).build(), false);

        assertThat(coordinator.registrations).singleElement().satisfies(r -> assertThat(r.models()).isNull());
    }

    @Test
    void embedTask_uploadsTheVectors_reportsProgressInHeartbeats_andCompletes() {
        List<String> texts = TestModels.texts(100);
        Assignment task = Fixtures.embed(TestModels.MODEL, shard(texts)).withHeartbeatIntervalMillis(50).build();
        coordinator.offer(task);

        start(config().build(), true);
        Eventually.await("the completion", () -> coordinator.completed.containsKey(task.attemptId()));

        CompleteRequest done = coordinator.completed.get(task.attemptId());
        assertThat(done.outputs()).extracting(BlobRef::name).containsExactly("embeddings.npy");
        float[][] rows = Vectors.fromNpy(coordinator.blobs.get(done.outputs().getFirst().sha256()));
        float[][] direct = TestModels.registry().get(TestModels.MODEL).embed(texts);
        assertThat(rows).hasDimensions(100, 384);
        for (int i = 0; i < rows.length; i++) assertThat(Vectors.cosine(rows[i], direct[i])).as("row %d", i).isGreaterThanOrEqualTo(0.9999);
        assertThat(coordinator.heartbeats).filteredOn(b -> b.attemptId().equals(task.attemptId()))
                .anySatisfy(b -> assertThat(b.request().progress()).matches("embedded \\d+/100 items"));
    }

    @Test
    void embedTask_forAModelNotServed_failsNotRetryable_onTheWire() {
        Assignment task = Fixtures.embed("all-minilm-l6-v2", shard(List.of("hello"))).build();
        coordinator.offer(task);

        start(config().models(List.of("all-minilm-l6-v2-q")).build(), false);
        Eventually.await("the failure", () -> coordinator.failed.containsKey(task.attemptId()));

        FailRequest f = coordinator.failed.get(task.attemptId());
        assertThat(f.retryable()).isFalse();
        assertThat(f.reason()).isEqualTo("RUNTIME_ERROR");
        assertThat(f.message()).contains("does not serve model 'all-minilm-l6-v2'").contains("all-minilm-l6-v2-q");
    }
}
