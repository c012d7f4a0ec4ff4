package org.gridmint.coordinator.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.gridmint.api.ApiKeyRequest;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.auth.RequestSigner;
import org.gridmint.api.json.Json;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.coordinator.blobs.BlobStore;
import org.gridmint.core.ids.ProviderId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A started coordinator with its gateway on a loopback port (call timeout 3 s), a funded client with an API key, and
 * helpers that connect {@link TestProvider}s owned by {@link #owner}. Closing audits the ledger (TestNetwork).
 */
abstract class GatewayTestBase {
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path dir;
    TestNetwork net;
    String base;
    final HttpClient http = HttpClient.newHttpClient();
    final Identity client = Identity.generate();
    final Identity owner = Identity.generate();
    String key;
    final List<TestProvider> providers = new ArrayList<>();

    @BeforeEach
    void startGateway() {
        TestProvider.embedder(); // loaded once per JVM, before any call's timeout runs
        net = new TestNetwork(dir, InstantSource.system(), c -> c.withGateway(GatewayConfig.DEFAULT.withCallTimeout(CALL_TIMEOUT)
                .withIdleTimeout(Duration.ofSeconds(2))));
        net.coordinator.start();
        base = net.coordinator.url();
        net.fund(client.account(), "1000");
        key = net.coordinator.gateway().keys().create(client.account(), new ApiKeyRequest("test")).key();
    }

    @AfterEach
    void stopGateway() {
        providers.forEach(TestProvider::close);
        http.close();
        net.close();
    }

    /** A provider of {@link #owner}, registered, its channel open and Ready with {@code capacity} at {@code tokenPrice}. */
    TestProvider provider(int capacity, String tokenPrice) throws InterruptedException {
        String id = registered(owner, "p" + providers.size(), tokenPrice);
        TestProvider p = new TestProvider(id).open(base, owner).ready(capacity, tokenPrice);
        providers.add(p);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (net.coordinator.gateway().hub().capacity(ProviderId.of(id)) != capacity) {
            if (System.nanoTime() > deadline) throw new AssertionError("provider " + id + " never became ready");
            Thread.sleep(5);
        }
        return p;
    }

    /** Registers a provider of {@code who} serving {@link TestProvider#MODEL} on CPU at {@code tokenPrice}; its id. */
    String registered(Identity who, String name, String tokenPrice) {
        var offer = new org.gridmint.api.ModelOffer(TestProvider.MODEL, "cpu", 384, new java.math.BigDecimal(tokenPrice));
        return net.coordinator.providers().register(who.account(), new org.gridmint.api.RegisterProviderRequest(null, name, 4, 8192, List.of(), "local",
                new java.math.BigDecimal("0.5"), 1, true, "test", null, List.of(offer))).id();
    }

    HttpResponse<String> embeddings(String body) throws Exception {
        return bearer("POST", ApiPaths.OPENAI_EMBEDDINGS, body, key);
    }

    HttpResponse<String> bearer(String method, String path, String body, String apiKey) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) b.header("Authorization", "Bearer " + apiKey);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> signed(Identity as, String method, String path, String body) throws Exception {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        var b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        new RequestSigner(as).sign(method, path, BlobStore.sha256(bytes), Instant.now()).asMap().forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    static String request(Object input) {
        return Json.writeString(java.util.Map.of("model", TestProvider.MODEL, "input", input));
    }
}
