package org.gridmint.provider.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.gridmint.api.BlobRef;
import org.gridmint.embed.Vectors;
import org.gridmint.provider.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultInjectionTest {
    private static final Map<String, String> ALLOWED = Map.of(FaultInjection.ENV_VAR, FaultInjection.ENV_VALUE);
    private static final byte[] RESULT = "{\"task\": 3, \"value\": 0.125}\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void enable_withoutTheEnvironmentsConsent_isRefused_namingTheVariable() {
        assertThatThrownBy(() -> FaultInjection.enable(1.0, 7, Map.of()))
                .isInstanceOf(FaultInjection.NotAllowedException.class)
                .hasMessageContaining("WRONG results").hasMessageContaining("GRIDMINT_ALLOW_FAULT_INJECTION=yes-this-agent-cheats");
        assertThatThrownBy(() -> FaultInjection.enable(1.0, 7, Map.of(FaultInjection.ENV_VAR, "yes")))
                .isInstanceOf(FaultInjection.NotAllowedException.class);
    }

    @Test
    void enable_withARateOutsideZeroToOne_isRefused_namingTheFlag() {
        assertThatThrownBy(() -> FaultInjection.enable(1.5, 7, ALLOWED)).hasMessageContaining("--inject-wrong-results").hasMessageContaining("1.5");
        assertThatThrownBy(() -> FaultInjection.enable(-0.1, 7, ALLOWED)).hasMessageContaining("--inject-wrong-results");
        assertThatThrownBy(() -> FaultInjection.enable(Double.NaN, 7, ALLOWED)).hasMessageContaining("--inject-wrong-results");
    }

    @Test
    void corrupt_withTheSameSeed_givesTheSameWrongBytes() {
        byte[] a = FaultInjection.enable(1.0, 42, ALLOWED).corrupt(RESULT, "job-1", 3, "out.json");
        byte[] b = FaultInjection.enable(0.5, 42, ALLOWED).corrupt(RESULT, "job-1", 3, "out.json");

        assertThat(a).isEqualTo(b).isNotEqualTo(RESULT).hasSameSizeAs(RESULT);
    }

    @Test
    void corrupt_withAnotherSeedJobTaskOrFile_givesOtherWrongBytes() {
        byte[] base = FaultInjection.enable(1.0, 42, ALLOWED).corrupt(RESULT, "job-1", 3, "out.json");

        assertThat(FaultInjection.enable(1.0, 43, ALLOWED).corrupt(RESULT, "job-1", 3, "out.json")).isNotEqualTo(base);
        assertThat(FaultInjection.enable(1.0, 42, ALLOWED).corrupt(RESULT, "job-2", 3, "out.json")).isNotEqualTo(base);
        assertThat(FaultInjection.enable(1.0, 42, ALLOWED).corrupt(RESULT, "job-1", 4, "out.json")).isNotEqualTo(base);
        assertThat(FaultInjection.enable(1.0, 42, ALLOWED).corrupt(RESULT, "job-1", 3, "other.json")).isNotEqualTo(base);
    }

    @Test
    void corrupt_changesEveryByte_andGivesAnEmptyFileBytes() {
        FaultInjection f = FaultInjection.enable(1.0, 1, ALLOWED);
        byte[] wrong = f.corrupt(RESULT, "job-1", 0, "out.json");

        assertThat(IntStream.range(0, RESULT.length).filter(i -> wrong[i] == RESULT[i])).isEmpty();
        assertThat(f.corrupt(new byte[0], "job-1", 0, "empty")).hasSize(FaultInjection.EMPTY_FILE_BYTES);
    }

    @Test
    void corrupt_movesEveryFloat32FarOutsideAnyTolerance_zerosIncluded() {
        float[] values = {0f, -0f, 1f, -1f, 1e-6f, 3.5f, 1e30f, 0.1f};
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) buf.putFloat(v);

        ByteBuffer wrong = ByteBuffer.wrap(FaultInjection.enable(1.0, 9, ALLOWED).corrupt(buf.array(), "job-1", 0, "out.f32"))
                .order(ByteOrder.LITTLE_ENDIAN);

        for (float v : values) {
            float w = wrong.getFloat();
            boolean withinLooseTolerance = Math.abs(w - v) <= 1e-3 + 1e-2 * Math.max(Math.abs(w), Math.abs(v));
            assertThat(withinLooseTolerance).as("%s corrupted to %s", v, w).isFalse();
        }
    }

    @Test
    void corruptFile_rewritesTheFileInPlace_asCorruptDoesItsBytes() throws Exception {
        byte[] big = new byte[200_000];
        new Random(5).nextBytes(big);
        Path file = Files.write(dir.resolve("big.bin"), big);
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        FaultInjection f = FaultInjection.enable(1.0, 11, ALLOWED);

        f.corruptFile(file, "job-1", 2, "big.bin");
        f.corruptFile(empty, "job-1", 2, "empty");

        assertThat(Files.readAllBytes(file)).isEqualTo(f.corrupt(big, "job-1", 2, "big.bin"));
        assertThat(Files.readAllBytes(empty)).isEqualTo(f.corrupt(new byte[0], "job-1", 2, "empty"));
    }

    @Test
    void rateZero_corruptsNoTask_andRateOne_corruptsEveryTask() {
        FaultInjection never = FaultInjection.enable(0.0, 3, ALLOWED);
        FaultInjection always = FaultInjection.enable(1.0, 3, ALLOWED);

        assertThat(IntStream.range(0, 1000).filter(i -> never.corrupts("job-1", i))).isEmpty();
        assertThat(IntStream.range(0, 1000).filter(i -> !always.corrupts("job-1", i))).isEmpty();
    }

    @Test
    void aRate_picksThatShareOfTasks_andTheSameTasksForTheSameSeed() {
        FaultInjection a = FaultInjection.enable(0.2, 3, ALLOWED);
        FaultInjection b = FaultInjection.enable(0.2, 3, ALLOWED);
        FaultInjection other = FaultInjection.enable(0.2, 4, ALLOWED);

        int[] chosen = IntStream.range(0, 2000).filter(i -> a.corrupts("job-1", i)).toArray();

        assertThat(chosen.length).isBetween(320, 480);
        assertThat(IntStream.range(0, 2000).filter(i -> b.corrupts("job-1", i)).toArray()).isEqualTo(chosen);
        assertThat(IntStream.range(0, 2000).filter(i -> other.corrupts("job-1", i)).toArray()).isNotEqualTo(chosen);
    }

    @Test
    void embedOutputs_becomeRandomUnitVectorsOfTheSameShape_alikeForColluders_andUnlikeTheTrueOnes() throws Exception {
        float[][] right = new float[5][16];
        for (int i = 0; i < right.length; i++) right[i][i] = 1f;
        var a = Fixtures.embed("all-minilm-l6-v2-q", new BlobRef("shard.jsonl", "ab".repeat(32), 1))
                .withJobId("job-e").withTask(4, 9).build();
        Path one = dir.resolve("one.npy");
        Path two = dir.resolve("two.npy");
        Files.write(one, Vectors.toNpy(right));
        Files.write(two, Vectors.toNpy(right));

        FaultInjection.enable(1.0, 5, ALLOWED).beforeUpload(a, Map.of("embeddings.npy", one));
        FaultInjection.enable(1.0, 5, ALLOWED).beforeUpload(a, Map.of("embeddings.npy", two));

        float[][] wrong = Vectors.fromNpy(Files.readAllBytes(one));
        assertThat(Files.readAllBytes(two)).as("same seed, same wrong vectors").isEqualTo(Files.readAllBytes(one));
        assertThat(wrong.length).isEqualTo(5);
        for (int i = 0; i < wrong.length; i++) {
            assertThat(wrong[i]).hasSize(16);
            assertThat(Vectors.cosine(wrong[i], wrong[i])).isCloseTo(1.0, within(1e-5));
            assertThat(Vectors.cosine(wrong[i], right[i])).isLessThan(0.9);
        }
    }
}
