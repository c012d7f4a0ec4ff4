package org.gridmint.coordinator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import org.gridmint.api.json.Json;
import org.junit.jupiter.api.Test;

/** The request's limits at their edges: exactly the most items and the longest input pass, one more does not. */
class EmbeddingsRequestTest {
    private static EmbeddingsRequest parse(Object input) {
        return EmbeddingsRequest.parse(Json.writeString(Map.of("model", "m", "input", input, "user", "u")).getBytes(StandardCharsets.UTF_8),
                GatewayConfig.DEFAULT);
    }

    @Test
    void exactlyTheMostItems_ofTheLongestInput_pass() {
        var r = parse(Collections.nCopies(GatewayConfig.DEFAULT_MAX_ITEMS, "a"));
        assertThat(r.input()).hasSize(GatewayConfig.DEFAULT_MAX_ITEMS);
        assertThat(r.base64()).isFalse();
        assertThat(parse("b".repeat(GatewayConfig.DEFAULT_MAX_INPUT_CHARS)).input().getFirst()).hasSize(GatewayConfig.DEFAULT_MAX_INPUT_CHARS);
    }

    @Test
    void oneItemOrCharacterMore_isRefused_namingInput() {
        assertThatThrownBy(() -> parse(Collections.nCopies(GatewayConfig.DEFAULT_MAX_ITEMS + 1, "a")))
                .isInstanceOfSatisfying(OpenAiException.class, e -> assertThat(e.error().error().param()).isEqualTo("input"))
                .hasMessageContaining("2049 items");
        assertThatThrownBy(() -> parse("b".repeat(GatewayConfig.DEFAULT_MAX_INPUT_CHARS + 1)))
                .isInstanceOfSatisfying(OpenAiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
