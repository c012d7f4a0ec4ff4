package org.gridmint.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gridmint.embed.DevicePreference;
import org.gridmint.embed.Embedder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's own checks, with the real int8 model (loaded once for the class). */
class DemoVectorsTest {
    private static Embedder model;
    private static List<String> items;
    private static float[][] vectors;

    @BeforeAll
    static void load(@TempDir Path dir) throws Exception {
        model = Embedder.load("all-minilm-l6-v2-q", DevicePreference.CPU);
        DemoData.extract(dir);
        List<String> all = DemoData.items(dir);
        // Every 75th gloss (a varied 40), plus the answers the demo's queries expect.
        List<String> some = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 75) some.add(all.get(i));
        for (String word : List.of("nightingale: ", "mosquito: ", "epidemic: ", "tide: "))
            some.add(all.stream().filter(l -> l.startsWith(word)).findFirst().orElseThrow());
        items = List.copyOf(some);
        vectors = model.embed(items);
    }

    @AfterAll
    static void close() {
        if (model != null) model.close();
    }

    @Test
    void check_onTheModelsOwnVectors_findsEverySampledOneEqual() {
        DemoVectors.Check check = DemoVectors.check(model, items, vectors, 5);

        assertThat(check.failures()).isEmpty();
        assertThat(check.checked()).isEqualTo((items.size() + 4) / 5);
        assertThat(check.minCosine()).isGreaterThanOrEqualTo(DemoVectors.MIN_COSINE);
    }

    @Test
    void check_catchesRowsOutOfOrder_namingTheItems() {
        float[][] swapped = vectors.clone();
        swapped[3] = vectors[7];
        swapped[7] = vectors[3];

        DemoVectors.Check check = DemoVectors.check(model, items, swapped, 1);

        assertThat(check.failures()).hasSize(2);
        assertThat(check.failures().get(0)).startsWith("item 3: cosine").contains(items.get(3));
        assertThat(check.failures().get(1)).startsWith("item 7: cosine");
        assertThat(check.minCosine()).isLessThan(0.9);
    }

    @Test
    void check_whenTheJobReturnedAnotherNumberOfVectors_failsWithoutComparing() {
        DemoVectors.Check check = DemoVectors.check(model, items, java.util.Arrays.copyOf(vectors, items.size() - 1), 1);

        assertThat(check.checked()).isZero();
        assertThat(check.failures()).containsExactly("the job returned " + (items.size() - 1) + " vectors for " + items.size() + " items");
    }

    @Test
    void answer_findsEachQuerysGloss_thoughTheyShareAlmostNoWords() {
        StringWriter text = new StringWriter();

        DemoVectors.answer(new PrintWriter(text), model, new SemanticSearch(items, vectors), DemoVectors.QUERIES, 1);

        assertThat(text.toString().lines().filter(l -> l.startsWith("  ")).map(l -> l.substring(l.indexOf("  ", 2) + 2).split(":")[0]))
                .containsExactly("nightingale", "mosquito", "epidemic", "tide");
    }
}
