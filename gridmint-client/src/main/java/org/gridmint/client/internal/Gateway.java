package org.gridmint.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmint.api.json.Json;
import org.gridmint.api.openai.EmbeddingsResponse;
import org.gridmint.client.GatewayException;

/**
 * Calls the coordinator's OpenAI-compatible routes ({@code /v1/...}) with a bearer API key, as any OpenAI client would,
 * and turns OpenAI-shaped error answers into {@link GatewayException}. Thread-safe.
 */
public final class Gateway implements AutoCloseable {
    public static final String EMBEDDINGS = org.gridmint.api.ApiPaths.OPENAI_EMBEDDINGS;

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    private final Duration timeout;

    public Gateway(URI base, Duration timeout) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.timeout = timeout;
    }

    /** The body of {@code POST /v1/embeddings} as the gateway sent it (OpenAI's JSON); errors throw. */
    public byte[] embeddingsJson(String apiKey, String model, List<String> input, String encodingFormat) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("input", input);
        if (encodingFormat != null) body.put("encoding_format", encodingFormat);
        return post(EMBEDDINGS, apiKey, Json.write(body));
    }

    /**
     * {@code POST /v1/embeddings} asking for base64 (exact and a third of the size), with every {@code embedding} turned into a
     * {@code float[]}.
     */
    public EmbeddingsResponse embeddings(String apiKey, String model, List<String> input) {
        EmbeddingsResponse r = Json.read(embeddingsJson(apiKey, model, input, "base64"), EmbeddingsResponse.class);
        List<EmbeddingsResponse.EmbeddingData> data = new ArrayList<>();
        for (EmbeddingsResponse.EmbeddingData d : r.data() == null ? List.<EmbeddingsResponse.EmbeddingData>of() : r.data()) {
            data.add(new EmbeddingsResponse.EmbeddingData(d.object(), org.gridmint.client.EmbeddingVectors.floats(d.embedding()), d.index()));
        }
        return new EmbeddingsResponse(r.object(), List.copyOf(data), r.model(), r.usage());
    }

    private byte[] post(String path, String apiKey, byte[] body) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            String why = e instanceof ConnectException ? "connection refused (is the coordinator running?)" : String.valueOf(e.getMessage());
            throw new UncheckedIOException("cannot reach the coordinator at " + base + ": " + why, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
        if (r.statusCode() >= 400) throw error(r.statusCode(), r.body());
        return r.body();
    }

    /** OpenAI's error shape when the body has it, else the status and the body's text. */
    static GatewayException error(int status, byte[] body) {
        try {
            JsonNode e = Json.mapper().readTree(body).path("error");
            if (e.isObject() && e.hasNonNull("message")) {
                return new GatewayException(status, text(e, "type"), text(e, "code"), text(e, "param"), e.get("message").asText());
            }
        } catch (IOException | RuntimeException ignored) {
            // Not JSON: reported as text below.
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return new GatewayException(status, null, null, null, "HTTP " + status + (text.isEmpty() ? "" : ": " + text));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    @Override
    public void close() {
        http.close();
    }
}
