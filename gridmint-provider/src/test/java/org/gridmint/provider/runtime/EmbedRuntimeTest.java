package org.gridmint.provider.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.gridmint.api.Assignment;
import org.gridmint.api.BlobRef;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.embed.ModelRegistry;
import org.gridmint.embed.Vectors;
import org.gridmint.provider.agent.FaultInjection;
import org.gridmint.provider.testing.Fixtures;
import org.gridmint.provider.testing.MemoryBlobStore;
import org.gridmint.provider.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embed runtime with the real int8 MiniLM model over real shard files, its outputs checked against the model itself. */
class EmbedRuntimeTest {
    private static final ModelRegistry MODELS = TestModels.registry();

    @TempDir Path dataDir;
    final MemoryBlobStore blobs = new MemoryBlobStore();

    private EmbedRuntime runtime(OutputTamper tamper, int batch) {
        return new EmbedRuntime(dataDir, blobs, MODELS, tamper, batch);
    }

    private Assignment task(List<String> texts) {
        return Fixtures.embed(TestModels.MODEL, blobs.add(EmbedRuntime.SHARD, TestModels.shard(100, texts))).build();
    }

    private static float[][] npy(MemoryBlobStore blobs, Outcome.Completed c) {
        assertThat(c.outputs()).extracting(BlobRef::name).containsExactly(EmbedRuntime.OUTPUT);
        return Vectors.fromNpy(blobs.bytes(c.outputs().getFirst()));
    }

    @Test
    void embed_writesOneRowPerShardLine_inOrder_equalToTheModelsOwnVectors() {
        List<String> texts = TestModels.texts(45);

        Outcome o = runtime(OutputTamper.NONE, 8).run(task(texts), "prov-1", new TaskControl(), CheckpointSink.NONE);

        assertThat(o).isInstanceOf(Outcome.Completed.class);
        float[][] rows = npy(blobs, (Outcome.Completed) o);
        float[][] direct = MODELS.get(TestModels.MODEL).embed(texts);
        assertThat(rows.length).isEqualTo(45);
        for (int i = 0; i < rows.length; i++) {
            assertThat(rows[i]).as("row %d", i).hasSize(384);
            assertThat(Vectors.cosine(rows[i], direct[i])).as("row %d against the model's vector of text %d", i, i).isGreaterThanOrEqualTo(0.9999);
            assertThat(rows[i]).as("row %d", i).containsExactly(direct[i], within(1e-5f));
        }
        assertThat(Vectors.cosine(rows[0], rows[1])).as("different texts, different vectors").isLessThan(0.99);
        assertThat(blobs.text(((Outcome.Completed) o).stdout())).contains("embedded 45 items with " + TestModels.MODEL);
        assertThat(dataDir.resolve("work")).isEmptyDirectory();
    }

    @Test
    void embed_reportsItemsDoneAsItGoes() throws Exception {
        List<String> texts = TestModels.texts(60);
        TaskControl control = new TaskControl();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        var run = CompletableFuture.supplyAsync(() -> runtime(OutputTamper.NONE, 4).run(task(texts), null, control, CheckpointSink.NONE));
        while (!run.isDone()) {
            seen.add(control.progress());
            Thread.onSpinWait();
        }

        assertThat(run.get()).isInstanceOf(Outcome.Completed.class);
        assertThat(seen).anyMatch(p -> p.matches("embedded ([1-9]|[1-5][0-9])/60 items"));
        assertThat(seen).allMatch(p -> p.matches("embedded \\d+/60 items|loading model " + TestModels.MODEL + "|staging|running|uploading|done"));
    }

    @Test
    void unknownModel_failsNotRetryable_namingTheModelsServed_withoutFetchingTheShard() {
        Assignment a = Fixtures.embed("bert-large-nope", blobs.add(EmbedRuntime.SHARD, TestModels.shard(0, List.of("hi")))).build();

        Outcome o = runtime(OutputTamper.NONE, 8).run(a, null, new TaskControl(), CheckpointSink.NONE);

        assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.retryable()).isFalse();
            assertThat(f.reason()).isEqualTo(AttemptReason.RUNTIME_ERROR);
            assertThat(f.message()).contains("does not serve model 'bert-large-nope'").contains(TestModels.MODEL);
        });
        assertThat(blobs.fetches).hasValue(0);
    }

    @Test
    void malformedShard_failsNotRetryable_namingTheLine() {
        String shard = new String(TestModels.shard(0, List.of("one")), StandardCharsets.UTF_8) + "{\"i\": 1, \"id\": \"x\"}\n";
        Assignment a = Fixtures.embed(TestModels.MODEL, blobs.add(EmbedRuntime.SHARD, shard)).build();

        Outcome o = runtime(OutputTamper.NONE, 8).run(a, null, new TaskControl(), CheckpointSink.NONE);

        assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.retryable()).isFalse();
            assertThat(f.reason()).isEqualTo(AttemptReason.STAGING_FAILED);
            assertThat(f.message()).contains("malformed shard.jsonl").contains("line 2");
        });
    }

    @Test
    void notJsonAndEmptyShards_areMalformedToo() {
        for (String shard : List.of("not json\n", "", "\n\n")) {
            Assignment a = Fixtures.embed(TestModels.MODEL, blobs.add(EmbedRuntime.SHARD, shard)).build();

            Outcome o = runtime(OutputTamper.NONE, 8).run(a, null, new TaskControl(), CheckpointSink.NONE);

            assertThat(o).as("shard %s", shard).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
                assertThat(f.retryable()).isFalse();
                assertThat(f.message()).startsWith("malformed shard.jsonl");
            });
        }
    }

    @Test
    void shardThatIsNotUtf8_isMalformed() {
        byte[] latin1 = "{\"i\": 0, \"id\": \"1\", \"text\": \"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        Assignment a = Fixtures.embed(TestModels.MODEL, blobs.add(EmbedRuntime.SHARD, latin1)).build();

        Outcome o = runtime(OutputTamper.NONE, 8).run(a, null, new TaskControl(), CheckpointSink.NONE);

        assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.retryable()).isFalse();
            assertThat(f.message()).contains("UTF-8");
        });
    }

    @Test
    void shardThatCannotBeFetched_failsRetryable() {
        Assignment a = Fixtures.embed(TestModels.MODEL, new BlobRef(EmbedRuntime.SHARD, "ab".repeat(32), 10)).build();

        Outcome o = runtime(OutputTamper.NONE, 8).run(a, null, new TaskControl(), CheckpointSink.NONE);

        assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.reason()).isEqualTo(AttemptReason.STAGING_FAILED);
        });
    }

    @Test
    void uploadThatFails_failsRetryable() {
        Assignment a = task(TestModels.texts(3));
        blobs.failUploads = true;

        Outcome o = runtime(OutputTamper.NONE, 8).run(a, null, new TaskControl(), CheckpointSink.NONE);

        assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.reason()).isEqualTo(AttemptReason.UPLOAD_FAILED);
        });
    }

    @Test
    void cancelMidway_abandonsTheRun_withinABatch_andUploadsNothing() throws Exception {
        Assignment a = task(TestModels.texts(400));
        TaskControl control = new TaskControl();
        var run = CompletableFuture.supplyAsync(() -> runtime(OutputTamper.NONE, 2).run(a, null, control, CheckpointSink.NONE));
        while (!control.progress().matches("embedded [1-9]\\d*/400 items") && !run.isDone()) Thread.onSpinWait();
        control.stop(StopReason.CANCELLED);

        assertThat(run.get()).isInstanceOfSatisfying(Outcome.Abandoned.class, ab -> assertThat(ab.reason()).isEqualTo(StopReason.CANCELLED));
        assertThat(control.phase()).isEqualTo(TaskControl.Phase.DONE);
    }

    @Test
    void drainMidway_handsTheTaskBack() throws Exception {
        Assignment a = task(TestModels.texts(400));
        TaskControl control = new TaskControl();
        var run = CompletableFuture.supplyAsync(() -> runtime(OutputTamper.NONE, 2).run(a, null, control, CheckpointSink.NONE));
        while (!control.progress().matches("embedded [1-9]\\d*/400 items") && !run.isDone()) Thread.onSpinWait();
        control.stop(StopReason.DRAINED);

        assertThat(run.get()).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.reason()).isEqualTo(AttemptReason.PROVIDER_DRAINED));
    }

    @Test
    void runPastTheTimeout_failsAsTimeout() {
        Assignment a = Fixtures.embed(TestModels.MODEL, blobs.add(EmbedRuntime.SHARD, TestModels.shard(0, TestModels.texts(200))))
                .withTimeoutMillis(1).build();

        Outcome o = runtime(OutputTamper.NONE, 2).run(a, null, new TaskControl(), CheckpointSink.NONE);

        assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(AttemptReason.TIMEOUT);
            assertThat(f.retryable()).isTrue();
        });
    }

    @Test
    void cheatingAgent_returnsRandomUnitVectorsOfTheRightShape_farFromTheTrueOnes() {
        List<String> texts = TestModels.texts(20);
        Assignment a = task(texts);
        FaultInjection cheat = FaultInjection.enable(1.0, 7, Map.of(FaultInjection.ENV_VAR, FaultInjection.ENV_VALUE));

        Outcome.Completed honest = (Outcome.Completed) runtime(OutputTamper.NONE, 8).run(a, null, new TaskControl(), CheckpointSink.NONE);
        Outcome.Completed cheated = (Outcome.Completed) runtime(cheat, 8).run(a, null, new TaskControl(), CheckpointSink.NONE);

        float[][] right = npy(blobs, honest);
        float[][] wrong = npy(blobs, cheated);
        assertThat(wrong.length).isEqualTo(right.length);
        for (int i = 0; i < wrong.length; i++) {
            assertThat(wrong[i]).hasSize(384);
            assertThat(Vectors.cosine(wrong[i], wrong[i])).as("row %d has unit length", i).isCloseTo(1.0, within(1e-5));
            assertThat(Math.abs(Vectors.cosine(wrong[i], right[i]))).as("row %d against the honest row", i).isLessThan(0.3);
        }
        assertThat(cheat.corruptedResults()).isEqualTo(1);
    }

    @Test
    void assignmentOfAnUnknownRuntime_failsNotRetryable() {
        Assignment a = Fixtures.assignment("true").withRuntime("train", null).build();

        Outcome o = new Runtimes(Map.of("embed", runtime(OutputTamper.NONE, 8))).run(a, null, new TaskControl(), CheckpointSink.NONE);

        assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.retryable()).isFalse();
            assertThat(f.message()).contains("no runtime 'train'").contains("embed");
        });
    }

    @Test
    void workDir_isGone_afterAFailure() throws Exception {
        Assignment a = Fixtures.embed(TestModels.MODEL, blobs.add(EmbedRuntime.SHARD, "nope\n")).build();

        runtime(OutputTamper.NONE, 8).run(a, null, new TaskControl(), CheckpointSink.NONE);

        try (var s = Files.list(dataDir.resolve("work"))) {
            assertThat(s).isEmpty();
        }
    }
}
