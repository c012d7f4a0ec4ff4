package org.gridmint.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog and the token counter, which needs no ONNX session. */
class ModelCatalogTest {
    @Test
    void catalog_holdsTheInt8DefaultAndTheFp32Model() {
        assertThat(ModelCatalog.all()).containsExactly(
                new ModelInfo("all-minilm-l6-v2-q", ModelCatalog.find("all-minilm-l6-v2-q").orElseThrow().description(), 384, "int8", 256),
                new ModelInfo("all-minilm-l6-v2", ModelCatalog.find("all-minilm-l6-v2").orElseThrow().description(), 384, "fp32", 256));
        assertThat(ModelCatalog.find(ModelCatalog.DEFAULT)).isPresent();
        assertThat(ModelCatalog.find("nope")).isEmpty();
        assertThatThrownBy(() -> ModelCatalog.require("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'").hasMessageContaining("known: all-minilm-l6-v2-q, all-minilm-l6-v2");
    }

    @Test
    void tokenCounter_countsSpecialTokens_andTruncatesAt256() {
        try (TokenCounter counter = TokenCounter.forModel("all-minilm-l6-v2")) {
            assertThat(counter.count("Hello world")).isEqualTo(4);
            assertThat(counter.count("word ".repeat(1000))).isEqualTo(256);
            assertThat(counter.countAll(List.of("Hello world", "", "word ".repeat(1000)))).isEqualTo(4 + 2 + 256);
        }
    }

    @Test
    void tokenCounter_shared_isOneInstancePerModel_thatSurvivesClose() {
        TokenCounter a = TokenCounter.shared(ModelCatalog.DEFAULT);
        a.close();
        assertThat(TokenCounter.shared(ModelCatalog.DEFAULT)).isSameAs(a);
        assertThat(a.count("Hello world")).isEqualTo(4);
    }

    @Test
    void tokenCounter_ofAnUnknownModel_namesTheKnownOnes() {
        assertThatThrownBy(() -> TokenCounter.forModel("bert")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'bert'").hasMessageContaining("all-minilm-l6-v2-q");
        assertThatThrownBy(() -> TokenCounter.shared(ModelCatalog.DEFAULT).count(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text");
    }
}
