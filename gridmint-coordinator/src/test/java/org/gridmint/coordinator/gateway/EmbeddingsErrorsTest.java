package org.gridmint.coordinator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.gridmint.api.ApiKeyRequest;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad request gets OpenAI's error shape with the right status, type, param and code, and costs nothing; the channel
 * upgrade is refused before it happens to anyone but the provider's owner.
 */
class EmbeddingsErrorsTest extends GatewayTestBase {

    @BeforeEach
    void oneProvider() throws InterruptedException {
        provider(2, "0.02");
    }

    private static void assertError(HttpResponse<String> r, int status, String type, String param, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(c -> assertThat(c).startsWith("application/json"));
        JsonNode root = json(r);
        assertThat(root.size()).as("only 'error' at the top").isEqualTo(1);
        JsonNode e = root.get("error");
        assertThat(e.get("message").asText()).isNotBlank();
        assertThat(e.get("type").asText()).isEqualTo(type);
        assertThat(e.has("param")).isTrue();
        assertThat(e.has("code")).isTrue();
        assertThat(e.get("param").isNull() ? null : e.get("param").asText()).isEqualTo(param);
        assertThat(e.get("code").isNull() ? null : e.get("code").asText()).isEqualTo(code);
    }

    static Stream<Arguments> badRequests() {
        String m = "\"model\":\"" + TestProvider.MODEL + "\"";
        return Stream.of(
                Arguments.of("not json", "{", 400, null, null),
                Arguments.of("not an object", "[1]", 400, null, null),
                Arguments.of("no model", "{\"input\":\"x\"}", 400, "model", null),
                Arguments.of("model not a string", "{\"model\":3,\"input\":\"x\"}", 400, "model", null),
                Arguments.of("no input", "{" + m + "}", 400, "input", null),
                Arguments.of("empty string", "{" + m + ",\"input\":\"\"}", 400, "input", null),
                Arguments.of("empty array", "{" + m + ",\"input\":[]}", 400, "input", null),
                Arguments.of("empty item", "{" + m + ",\"input\":[\"a\",\"\"]}", 400, "input", null),
                Arguments.of("number item", "{" + m + ",\"input\":[\"a\",7]}", 400, "input", null),
                Arguments.of("input an object", "{" + m + ",\"input\":{\"a\":1}}", 400, "input", null),
                Arguments.of("too many items", "{" + m + ",\"input\":" + Json.writeString(Collections.nCopies(2049, "a")) + "}", 400, "input", null),
                Arguments.of("item too long", "{" + m + ",\"input\":[\"" + "a".repeat(32_769) + "\"]}", 400, "input", null),
                Arguments.of("bad encoding_format", "{" + m + ",\"input\":\"x\",\"encoding_format\":\"int8\"}", 400, "encoding_format", null),
                Arguments.of("wrong dimensions", "{" + m + ",\"input\":\"x\",\"dimensions\":256}", 400, "dimensions", null),
                Arguments.of("unknown model", "{\"model\":\"gpt-4\",\"input\":\"x\"}", 404, "model", "model_not_found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequest_isAnOpenAiError_namingTheParameter_andCostsNothing(String why, String body, int status, String param, String code) throws Exception {
        var r = embeddings(body);

        assertError(r, status, "invalid_request_error", param, code);
        List<?> usage = net.coordinator.store().inTransaction(tx -> tx.gateway().usage(client.account().value(), 10));
        assertThat(usage).isEmpty();
        assertThat(providers.getFirst().calls.get()).isZero();
    }

    @Test
    void missingUnknownOrRevokedKey_is401InvalidApiKey() throws Exception {
        assertError(bearer("POST", ApiPaths.OPENAI_EMBEDDINGS, request("x"), null), 401, "authentication_error", null, "invalid_api_key");
        assertError(bearer("POST", ApiPaths.OPENAI_EMBEDDINGS, request("x"), "gm-" + "x".repeat(32)), 401, "authentication_error", null,
                "invalid_api_key");
        assertError(bearer("GET", ApiPaths.OPENAI_MODELS, null, "nonsense"), 401, "authentication_error", null, "invalid_api_key");
        String id = net.coordinator.gateway().keys().list(client.account()).keys().getFirst().id();
        net.coordinator.gateway().keys().revoke(client.account(), id);

        assertError(embeddings(request("x")), 401, "authentication_error", null, "invalid_api_key");
        assertThat(providers.getFirst().calls.get()).isZero();
    }

    @Test
    void catalogModelNobodyServesNow_is503Retryable_notANotFound() throws Exception {
        var r = embeddings("{\"model\":\"all-minilm-l6-v2\",\"input\":\"x\"}");

        assertError(r, 503, "server_error", "model", "model_unavailable");
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(providers.getFirst().calls.get()).isZero();
    }

    @Test
    void emptyBalance_is429InsufficientQuota() throws Exception {
        Identity broke = Identity.generate();
        String brokeKey = net.coordinator.gateway().keys().create(broke.account(), new ApiKeyRequest("broke")).key();

        assertError(bearer("POST", ApiPaths.OPENAI_EMBEDDINGS, request("x"), brokeKey), 429, "insufficient_quota", null, "insufficient_quota");
        assertThat(providers.getFirst().calls.get()).isZero();
    }

    @Test
    void unknownV1Path_isAnOpenAiError() throws Exception {
        var r = bearer("GET", "/v1/chat/completions", null, key);

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).get("error").get("type").asText()).isEqualTo("invalid_request_error");
    }

    private static int handshakeStatus(Runnable open) {
        try {
            open.run();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) return h.getResponse().statusCode();
            throw e;
        }
        throw new AssertionError("the channel opened");
    }

    @Test
    void channelUpgrade_unsignedOrNotTheOwnersOrUnknown_isRefusedBeforeTheUpgrade() {
        String id = providers.getFirst().id;
        Identity stranger = Identity.generate();

        assertThat(handshakeStatus(() -> new TestProvider(id).open(base, null))).isEqualTo(401);
        assertThat(handshakeStatus(() -> new TestProvider(id).open(base, stranger))).isEqualTo(403);
        assertThat(handshakeStatus(() -> new TestProvider("prov-nosuch").open(base, owner))).isEqualTo(404);
        String quarantined = net.provider(owner.account(), "held", "0.5", 1);
        net.coordinator.providers().quarantine(quarantined, null);
        assertThat(handshakeStatus(() -> new TestProvider(quarantined).open(base, owner))).isEqualTo(403);
        assertThat(net.coordinator.gateway().hub().capacity(org.gridmint.core.ids.ProviderId.of(id))).isEqualTo(2);
    }

    @Test
    void readyBreakingTheProtocol_closesTheChannelWithAReason() throws Exception {
        String id = net.provider(owner.account(), "bad", "0.5", 1);
        TestProvider bad = new TestProvider(id).open(base, owner);
        providers.add(bad);

        bad.send(new org.gridmint.api.channel.ChannelMessage.Ready(List.of(new org.gridmint.api.ModelOffer(TestProvider.MODEL, "cpu", 128,
                java.math.BigDecimal.ONE)), 2));

        assertThat(bad.closedWith.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(ChannelHub.POLICY_VIOLATION);
        assertThat(net.coordinator.gateway().hub().capacity(org.gridmint.core.ids.ProviderId.of(id))).isZero();
    }

    @Test
    void readyAtAPriceOtherThanRegistered_closesTheChannel_andServesNothing() throws Exception {
        String id = registered(owner, "greedy", "0.02");
        TestProvider greedy = new TestProvider(id).open(base, owner);
        providers.add(greedy);

        greedy.ready(2, "1000000");

        assertThat(greedy.closedWith.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(ChannelHub.POLICY_VIOLATION);
        assertThat(net.coordinator.gateway().hub().capacity(org.gridmint.core.ids.ProviderId.of(id))).isZero();
        for (int i = 0; i < 3; i++) assertThat(embeddings(request("x")).statusCode()).isEqualTo(200); // by the honest provider
        assertThat(greedy.calls.get()).isZero();
    }
}
