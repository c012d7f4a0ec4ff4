package org.gridmint.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.gridmint.api.json.Json;
import org.gridmint.api.openai.OpenAiError;
import org.gridmint.client.EmbeddingVectors;
import org.gridmint.client.GatewayException;
import org.junit.jupiter.api.Test;

class GatewayTest {

    @Test
    void error_inOpenAiShape_carriesStatusTypeCodeParamAndMessage() {
        byte[] body = Json.write(OpenAiError.of("Every provider of all-minilm-l6-v2-q is busy", "rate_limit_error", null, "providers_busy"));
        GatewayException e = Gateway.error(429, body);
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.type()).isEqualTo("rate_limit_error");
        assertThat(e.code()).isEqualTo("providers_busy");
        assertThat(e.param()).isNull();
        assertThat(e.getMessage()).isEqualTo("Every provider of all-minilm-l6-v2-q is busy");
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void error_notInOpenAiShape_keepsTheStatusAndText() {
        GatewayException e = Gateway.error(502, "Bad Gateway".getBytes(StandardCharsets.UTF_8));
        assertThat(e.status()).isEqualTo(502);
        assertThat(e.type()).isNull();
        assertThat(e.getMessage()).isEqualTo("HTTP 502: Bad Gateway");
    }

    @Test
    void floats_decodesBase64LittleEndianAndNumberLists_alike() {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.25f).putFloat(-1.5f);
        assertThat(EmbeddingVectors.floats(Base64.getEncoder().encodeToString(b.array()))).containsExactly(0.25f, -1.5f);
        assertThat(EmbeddingVectors.floats(List.of(0.25, -1.5))).containsExactly(0.25f, -1.5f);
        assertThatThrownBy(() -> EmbeddingVectors.floats(42)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("42");
    }
}
