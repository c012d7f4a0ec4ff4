package org.gridmint.coordinator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.json.Json;
import org.gridmint.embed.TokenCounter;
import org.gridmint.embed.Vectors;
import org.junit.jupiter.api.Test;

/** {@code /v1/embeddings} and {@code /v1/models} answer exactly OpenAI's shape, with real vectors and the coordinator's token count. */
class EmbeddingsShapeTest extends GatewayTestBase {

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static float[] floats(JsonNode array) {
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) array.get(i).asDouble();
        return v;
    }

    @Test
    void stringInput_answersOpenAisShape_withTheModelsVectorAndCountedTokens() throws Exception {
        provider(4, "0.02");
        String text = "The quick brown fox jumps over the lazy dog";

        var r = embeddings(request(text));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(c -> assertThat(c).startsWith("application/json"));
        JsonNode body = json(r);
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("object", "data", "model", "usage");
        assertThat(body.get("object").asText()).isEqualTo("list");
        assertThat(body.get("model").asText()).isEqualTo(TestProvider.MODEL);
        assertThat(body.get("data").size()).isEqualTo(1);
        JsonNode d = body.get("data").get(0);
        assertThat(fieldNames(d)).containsExactlyInAnyOrder("object", "embedding", "index");
        assertThat(d.get("object").asText()).isEqualTo("embedding");
        assertThat(d.get("index").isInt()).isTrue();
        assertThat(d.get("index").asInt()).isZero();
        assertThat(d.get("embedding").isArray()).isTrue();
        assertThat(d.get("embedding").size()).isEqualTo(384);
        assertThat(d.get("embedding").get(0).isNumber()).isTrue();
        float[] direct = TestProvider.embedder().embed(List.of(text))[0];
        assertThat(Vectors.cosine(floats(d.get("embedding")), direct)).isGreaterThanOrEqualTo(0.9999);
        JsonNode usage = body.get("usage");
        assertThat(fieldNames(usage)).containsExactlyInAnyOrder("prompt_tokens", "total_tokens");
        try (TokenCounter counter = TokenCounter.forModel(TestProvider.MODEL)) {
            assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(counter.count(text)).isPositive();
            assertThat(usage.get("total_tokens").asInt()).isEqualTo(counter.count(text));
        }
        String metrics = bearer("GET", "/metrics", null, null).body();
        assertThat(metrics).contains("gridmint_gateway_requests_total{outcome=\"ok\"} 1.0").contains("gridmint_gateway_seconds_bucket");
    }

    @Test
    void arrayInput_answersOneVectorPerItem_inInputOrder() throws Exception {
        provider(4, "0.02");
        List<String> texts = List.of("a cat sat on the mat", "stock markets fell sharply today", "the recipe needs two eggs", "a cat sat on a mat");

        var r = embeddings(request(texts));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode data = json(r).get("data");
        assertThat(data.size()).isEqualTo(texts.size());
        float[][] direct = TestProvider.embedder().embed(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(data.get(i).get("index").asInt()).isEqualTo(i);
            assertThat(Vectors.cosine(floats(data.get(i).get("embedding")), direct[i])).as("item " + i).isGreaterThanOrEqualTo(0.9999);
        }
        try (TokenCounter counter = TokenCounter.forModel(TestProvider.MODEL)) {
            assertThat(json(r).get("usage").get("prompt_tokens").asInt()).isEqualTo(counter.countAll(texts));
        }
    }

    @Test
    void base64Encoding_answersLittleEndianFloat32_equalToTheFloatAnswer() throws Exception {
        provider(4, "0.02");
        List<String> texts = List.of("first", "second item");

        var floats = json(embeddings(request(texts)));
        var r = embeddings(Json.writeString(Map.of("model", TestProvider.MODEL, "input", texts, "encoding_format", "base64")));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        for (int i = 0; i < texts.size(); i++) {
            JsonNode e = json(r).get("data").get(i).get("embedding");
            assertThat(e.isTextual()).isTrue();
            ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(e.asText())).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(b.remaining()).isEqualTo(384 * 4);
            float[] fromB64 = new float[384];
            for (int j = 0; j < 384; j++) fromB64[j] = b.getFloat();
            assertThat(fromB64).containsExactly(floats(floats.get("data").get(i).get("embedding")));
        }
    }

    @Test
    void models_listsWhatConnectedProvidersServe_inOpenAisShape() throws Exception {
        var none = json(bearer("GET", ApiPaths.OPENAI_MODELS, null, key));
        assertThat(none.get("object").asText()).isEqualTo("list");
        assertThat(none.get("data").size()).isZero();
        provider(2, "0.02");

        JsonNode list = json(bearer("GET", ApiPaths.OPENAI_MODELS, null, key));

        assertThat(list.get("data").size()).isEqualTo(1);
        JsonNode m = list.get("data").get(0);
        assertThat(fieldNames(m)).containsExactlyInAnyOrder("id", "object", "created", "owned_by");
        assertThat(m.get("id").asText()).isEqualTo(TestProvider.MODEL);
        assertThat(m.get("object").asText()).isEqualTo("model");
        assertThat(m.get("created").isIntegralNumber()).isTrue();
    }
}
