package org.gridmint.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A registry serving both models: loading once, the fp32 model's batching, and device choice on this CPU-only build. */
class ModelRegistryTest {
    static ModelRegistry registry;

    @BeforeAll
    static void open() {
        registry = new ModelRegistry(List.of("all-minilm-l6-v2-q", "all-minilm-l6-v2"), DevicePreference.AUTO);
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    @Test
    void models_areTheNamedOnesInOrder() {
        assertThat(registry.models()).extracting(ModelInfo::name).containsExactly("all-minilm-l6-v2-q", "all-minilm-l6-v2");
        assertThat(registry.models()).extracting(ModelInfo::weights).containsExactly("int8", "fp32");
    }

    @Test
    void get_loadsEachModelOnce_evenWhenAskedFromSeveralThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Embedder>> gets = new ArrayList<>();
            for (int i = 0; i < 8; i++) gets.add(pool.submit(() -> registry.get("all-minilm-l6-v2-q")));
            Embedder first = gets.get(0).get();
            for (Future<Embedder> g : gets) assertThat(g.get()).isSameAs(first);
        } finally {
            pool.shutdownNow();
        }
        assertThat(registry.get("all-minilm-l6-v2-q").model().name()).isEqualTo("all-minilm-l6-v2-q");
    }

    @Test
    void fp32Model_agreesWithInt8Model() {
        float[][] int8 = registry.get("all-minilm-l6-v2-q").embed(EmbedderTest.SENTENCES);
        float[][] fp32 = registry.get("all-minilm-l6-v2").embed(EmbedderTest.SENTENCES);
        for (int i = 0; i < int8.length; i++) {
            assertThat(Vectors.cosine(int8[i], fp32[i])).as("sentence %d", i).isGreaterThan(0.95);
        }
    }

    @Test
    void fp32Model_keepsTheCallersOrderAcrossInternalBatchesAndLengthSorting() {
        // 150 texts of mixed lengths: three padded batches of 64, and sorting by length reorders them thoroughly.
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 150; i++) texts.add((i + " ").repeat(1 + (i * 7) % 23) + EmbedderTest.SENTENCES.get(i % 9));
        Embedder fp32 = registry.get("all-minilm-l6-v2");
        float[][] all = fp32.embed(texts);
        assertThat(all.length).isEqualTo(150);
        for (int i = 0; i < 150; i += 7) {
            float[] alone = fp32.embed(List.of(texts.get(i)))[0];
            assertThat(Vectors.cosine(all[i], alone)).as("text %d", i).isGreaterThanOrEqualTo(0.9999);
        }
    }

    @Test
    void device_isCpu_becauseTheShippedOnnxRuntimeIsTheCpuBuild() {
        assertThat(registry.device()).isEqualTo(Device.CPU);
        assertThat(registry.get("all-minilm-l6-v2-q").device()).isEqualTo(Device.CPU);
        assertThat(Device.CPU.wireName()).isEqualTo("cpu");
    }

    @Test
    void cudaPreference_failsWithoutTheCudaBuild() {
        try (ModelRegistry cuda = new ModelRegistry(List.of(ModelCatalog.DEFAULT), DevicePreference.CUDA)) {
            assertThatThrownBy(cuda::device).isInstanceOf(EmbedException.class)
                    .hasMessageContaining("no CUDA execution provider").hasMessageContaining("onnxruntime_gpu");
        }
        assertThatThrownBy(() -> Embedder.load(ModelCatalog.DEFAULT, DevicePreference.CUDA))
                .isInstanceOf(EmbedException.class).hasMessageContaining("no CUDA execution provider");
    }

    @Test
    void constructor_rejectsUnknownAndRepeatedModels_namingThem() {
        assertThatThrownBy(() -> new ModelRegistry(List.of("gpt-5"), DevicePreference.CPU))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'gpt-5'").hasMessageContaining("all-minilm-l6-v2-q, all-minilm-l6-v2");
        assertThatThrownBy(() -> new ModelRegistry(List.of("all-minilm-l6-v2", "all-minilm-l6-v2"), DevicePreference.CPU))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @Test
    void get_ofAModelNotServed_namesTheServedOnes() {
        try (ModelRegistry one = new ModelRegistry(List.of(ModelCatalog.DEFAULT), DevicePreference.CPU)) {
            assertThatThrownBy(() -> one.get("all-minilm-l6-v2"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("served: all-minilm-l6-v2-q");
        }
    }

    @Test
    void get_afterClose_fails() {
        ModelRegistry closed = new ModelRegistry(List.of(ModelCatalog.DEFAULT), DevicePreference.CPU);
        closed.close();
        assertThatThrownBy(() -> closed.get(ModelCatalog.DEFAULT)).isInstanceOf(IllegalStateException.class);
    }
}
