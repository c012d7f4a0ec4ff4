package org.gridmint.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The int8 model against langchain4j's own run of it, and the embedder's batching, truncation and counting. */
class EmbedderTest {
    static final List<String> SENTENCES = List.of(
            "The cat sits on the mat.",
            "A kitten is resting on a rug.",
            "Stock markets fell sharply after the interest rate decision.",
            "Investors sold shares when the central bank raised rates.",
            "How do I bake sourdough bread at home?",
            "Photosynthesis turns sunlight, water and carbon dioxide into sugar.",
            "The quick brown fox jumps over the lazy dog.",
            "Gridmint rents out idle GPUs to people who need compute.",
            "Ünïcödé, emoji 🚀 and CJK 漢字 go through the same tokenizer.",
            "");

    static Embedder embedder;

    @BeforeAll
    static void load() {
        embedder = Embedder.load(ModelCatalog.DEFAULT, DevicePreference.CPU);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void embed_equalsLangchain4jQuantizedModel() {
        float[][] ours = embedder.embed(SENTENCES);
        AllMiniLmL6V2QuantizedEmbeddingModel reference = new AllMiniLmL6V2QuantizedEmbeddingModel();
        // langchain4j refuses blank text, so the last sentence ("") is left out of the comparison.
        List<String> texts = SENTENCES.subList(0, SENTENCES.size() - 1);
        List<Embedding> theirs = reference.embedAll(texts.stream().map(TextSegment::from).toList()).content();
        assertThat(theirs).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            assertThat(Vectors.cosine(ours[i], theirs.get(i).vector())).as("sentence %d", i).isGreaterThanOrEqualTo(0.9999);
        }
    }

    @Test
    void embed_givesUnitVectorsOfTheModelsDimensions() {
        float[][] vectors = embedder.embed(SENTENCES);
        assertThat(embedder.model().dimensions()).isEqualTo(384);
        for (float[] v : vectors) {
            assertThat(v).hasSize(384);
            double norm = 0;
            for (float x : v) norm += x * x;
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void embed_scoresSimilarSentencesAboveUnrelatedOnes() {
        float[][] v = embedder.embed(SENTENCES);
        double cats = Vectors.cosine(v[0], v[1]);
        double markets = Vectors.cosine(v[2], v[3]);
        assertThat(cats).isGreaterThan(Vectors.cosine(v[0], v[2])).isGreaterThan(Vectors.cosine(v[0], v[5]));
        assertThat(markets).isGreaterThan(Vectors.cosine(v[2], v[4])).isGreaterThan(Vectors.cosine(v[3], v[1]));
    }

    @Test
    void embed_givesEachTextTheVectorItHasAlone_inTheCallersOrder() {
        // Mixed lengths, so sorting by length reorders them thoroughly; an int8 vector must not depend on its neighbours.
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String base = SENTENCES.get(i % 9);
            texts.add((i + " ").repeat(1 + (i * 7) % 23) + base);
        }
        float[][] all = embedder.embed(texts);
        assertThat(all.length).isEqualTo(150);
        for (int i = 0; i < 150; i += 7) {
            float[] alone = embedder.embed(List.of(texts.get(i)))[0];
            assertThat(all[i]).as("text %d", i).isEqualTo(alone);
        }
    }

    @Test
    void embed_truncatesLongTextsTo256Tokens() {
        String words = "alpha beta gamma delta ".repeat(100);
        assertThat(embedder.countTokens(words)).isEqualTo(256);
        float[][] v = embedder.embed(List.of(words, words + " and a completely different ending about volcanoes"));
        // Both read the same first 256 tokens, so they are the same vector.
        assertThat(Vectors.cosine(v[0], v[1])).isGreaterThanOrEqualTo(0.99999);
    }

    @Test
    void countTokens_countsSpecialTokensAndNoPadding() {
        assertThat(embedder.countTokens("")).isEqualTo(2); // [CLS] [SEP]
        assertThat(embedder.countTokens("Hello world")).isEqualTo(4);
        assertThat(embedder.countTokens("The cat sits on the mat.")).isEqualTo(9);
    }

    @Test
    void countTokens_equalsTheTokenCounter() {
        try (TokenCounter counter = TokenCounter.forModel(ModelCatalog.DEFAULT)) {
            List<String> texts = new ArrayList<>(SENTENCES);
            texts.add("word ".repeat(600));
            for (String t : texts) assertThat(counter.count(t)).as(t).isEqualTo(embedder.countTokens(t));
            assertThat(counter.countAll(texts)).isEqualTo(texts.stream().mapToInt(embedder::countTokens).sum());
        }
    }

    @Test
    void embed_fromSeveralThreadsAtOnce_givesIdenticalVectors() throws Exception {
        float[][] expected = embedder.embed(SENTENCES);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[][]>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) runs.add(pool.submit(() -> embedder.embed(SENTENCES)));
            for (Future<float[][]> run : runs) assertThat(run.get()).isDeepEqualTo(expected);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void embed_ofNoTexts_isEmpty_andANullTextIsRejectedByIndex() {
        assertThat(embedder.embed(List.of())).isEmpty();
        List<String> withNull = new ArrayList<>(List.of("a", "b"));
        withNull.add(null);
        assertThatThrownBy(() -> embedder.embed(withNull))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("texts[2]");
    }
}
