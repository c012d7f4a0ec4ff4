package org.gridmint.api.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The answer to {@code POST /v1/embeddings}: {@code object} is always {@code list}. */
public record EmbeddingsResponse(String object, List<EmbeddingData> data, String model, Usage usage) {

    /**
     * One input's vector: {@code embedding} is a list of floats ({@code encoding_format: float}) or a base64 string of
     * little-endian float32 ({@code base64}); {@code index} is the input's position; {@code object} is {@code embedding}.
     */
    public record EmbeddingData(String object, Object embedding, int index) {}

    /** Tokens billed for the request. */
    public record Usage(@JsonProperty("prompt_tokens") int promptTokens, @JsonProperty("total_tokens") int totalTokens) {}
}
