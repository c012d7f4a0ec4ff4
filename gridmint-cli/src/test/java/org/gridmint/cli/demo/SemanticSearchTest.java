package org.gridmint.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SemanticSearchTest {
    private static final float S = (float) Math.sqrt(0.5);

    private final SemanticSearch search = new SemanticSearch(
            List.of("east", "north", "north-east", "west", "south"),
            new float[][] {{1, 0}, {0, 1}, {S, S}, {-1, 0}, {0, -1}});

    @Test
    void top_ranksItemsByCosineToTheQuery_bestFirst() {
        List<SemanticSearch.Hit> hits = search.top(new float[] {1, 0}, 3);

        assertThat(hits).extracting(SemanticSearch.Hit::text).containsExactly("east", "north-east", "north");
        assertThat(hits).extracting(SemanticSearch.Hit::index).containsExactly(0, 2, 1);
        assertThat(hits.get(0).score()).isCloseTo(1.0, within(1e-6));
        assertThat(hits.get(1).score()).isCloseTo(Math.sqrt(0.5), within(1e-6));
        assertThat(hits.get(2).score()).isCloseTo(0.0, within(1e-6));
    }

    @Test
    void top_scoresAreTheDotProductOfUnitVectors_evenWhenNegative() {
        List<SemanticSearch.Hit> all = search.top(new float[] {0, -1}, 5);

        assertThat(all).extracting(SemanticSearch.Hit::text).containsExactly("south", "east", "west", "north-east", "north");
        assertThat(all.get(4).score()).isCloseTo(-1.0, within(1e-6));
    }

    @Test
    void top_breaksEqualScoresByInputOrder() {
        // East and west are equally far (cosine 0) from north and south; ties go to the earlier item.
        List<SemanticSearch.Hit> hits = search.top(new float[] {0, 1}, 4);

        assertThat(hits).extracting(SemanticSearch.Hit::text).containsExactly("north", "north-east", "east", "west");
    }

    @Test
    void top_withKAboveTheItemCount_returnsEveryItem() {
        assertThat(search.top(new float[] {S, S}, 50)).hasSize(5).first().extracting(SemanticSearch.Hit::text).isEqualTo("north-east");
    }

    @Test
    void constructor_rejectsVectorsThatDoNotPairWithTheTexts() {
        assertThatThrownBy(() -> new SemanticSearch(List.of("a", "b"), new float[][] {{1, 0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vectors: 1 rows for 2 texts");
        assertThatThrownBy(() -> new SemanticSearch(List.of(), new float[0][]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vectors: empty");
    }

    @Test
    void constructor_rejectsRaggedOrNonUnitRows_namingTheRow() {
        assertThatThrownBy(() -> new SemanticSearch(List.of("a", "b"), new float[][] {{1, 0}, {1, 0, 0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vectors[1]: 3 dimensions, row 0 has 2");
        assertThatThrownBy(() -> new SemanticSearch(List.of("a", "b"), new float[][] {{1, 0}, {3, 4}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vectors[1]: length 5.0, not a unit vector");
        assertThatThrownBy(() -> new SemanticSearch(List.of("a"), new float[][] {{Float.NaN, 0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vectors[0]: length NaN");
    }

    @Test
    void top_rejectsAQueryOfAnotherShapeOrLength_orKBelowOne() {
        assertThatThrownBy(() -> search.top(new float[] {1, 0, 0}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query: 3 dimensions, the items have 2");
        assertThatThrownBy(() -> search.top(new float[] {2, 0}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query: length 2.0");
        assertThatThrownBy(() -> search.top(new float[] {1, 0}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k: must be at least 1, was 0");
    }
}
