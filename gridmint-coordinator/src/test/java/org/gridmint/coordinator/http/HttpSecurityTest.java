package org.gridmint.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.ProblemTypes;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.auth.RequestSignature;
import org.gridmint.api.auth.RequestSigner;
import org.gridmint.api.json.Json;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.MutableClock;
import org.gridmint.coordinator.TestNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signed requests over real HTTP, driven by the route table: every route that is not public refuses an unsigned
 * request, a signature that does not match its key, a stale timestamp and a replay, each with a problem that
 * says which; and nothing a refused request asked for happens.
 */
class HttpSecurityTest extends InProcessNetworkTest {
    private static final String SOME_SHA = "ab".repeat(32);

    SignedHttp http;
    final Identity alice = Identity.generate();
    final Identity bob = Identity.generate();

    @BeforeEach
    void start() {
        net.coordinator.start();
        http = new SignedHttp(net.coordinator.url());
    }

    @AfterEach
    void stop() {
        http.close();
    }

    static Stream<Arguments> protectedRoutes() {
        var config = org.gridmint.coordinator.CoordinatorConfig.defaults(Path.of("unused"));
        // Routes only: no handler runs, so the services may be absent.
        var economics = new org.gridmint.coordinator.economics.EconomicsService(null, null, new org.gridmint.coordinator.settlement.EmbeddedSettlement());
        return new HttpApi(config, null, null, null, null, null, null, "sqlite", null, null, null, null, economics).routes().stream()
                .filter(r -> r.access() == Route.Access.SIGNED || r.access() == Route.Access.OPERATOR)
                .map(r -> Arguments.of(Named.of(r.method() + " " + r.path(), r)));
    }

    /** The route's path with its parameters filled in (a well-formed digest for blobs, "x" for ids). */
    private static String path(Route r) {
        return r.path().replace("{sha256}", SOME_SHA).replaceAll("\\{[^}]+}", "x");
    }

    private static byte[] body(Route r) {
        return r.method().equals("GET") ? null : "{}".getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode problem(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(c -> assertThat(c).startsWith("application/problem+json"));
        return Json.mapper().readTree(r.body());
    }

    private static void assertRefused(HttpResponse<String> r, String type, String detailPart) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        JsonNode p = problem(r);
        assertThat(p.get("type").asText()).isEqualTo(type);
        assertThat(p.get("detail").asText()).contains(detailPart);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue(Authenticator.SCHEME);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedRoutes")
    void unsigned_is401Unsigned(Route route) throws Exception {
        var r = http.send(http.prepare(null, route.method(), path(route), body(route), Instant.now(), null, null));

        assertRefused(r, ProblemTypes.UNSIGNED, "not signed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedRoutes")
    void signedByOneKey_sentWithAnothersKeyHeader_is401BadSignature(Route route) throws Exception {
        var r = http.send(http.prepare(alice, route.method(), path(route), body(route), Instant.now(), RequestSigner.newNonce(),
                Map.of(RequestSignature.KEY_HEADER, bob.publicKeyText())));

        assertRefused(r, ProblemTypes.BAD_SIGNATURE, "does not match");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedRoutes")
    void signedSixMinutesAgo_is401Stale_namingTheSkew(Route route) throws Exception {
        var r = http.send(http.prepare(alice, route.method(), path(route), body(route), Instant.now().minus(Duration.ofMinutes(6)),
                RequestSigner.newNonce(), null));

        assertRefused(r, ProblemTypes.STALE, "behind the coordinator's clock");
        assertThat(problem(r).get("detail").asText()).containsPattern("6m[0-9.]*s");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedRoutes")
    void theSameSignedRequestTwice_isAcceptedOnce_thenIs401Replayed(Route route) throws Exception {
        var once = http.prepare(alice, route.method(), path(route), body(route), Instant.now(), RequestSigner.newNonce(), null);

        var first = http.send(once);
        var second = http.send(once);

        assertThat(first.statusCode()).as(first.body()).isNotEqualTo(401);
        assertRefused(second, ProblemTypes.REPLAYED, "already used");
    }

    @Test
    void malformedHeaders_are401_namingTheHeader() throws Exception {
        var badTime = http.send(http.prepare(alice, "GET", ApiPaths.JOBS, null, Instant.now(), RequestSigner.newNonce(),
                Map.of(RequestSignature.TIMESTAMP_HEADER, "yesterday")));
        var badKey = http.send(http.prepare(alice, "GET", ApiPaths.JOBS, null, Instant.now(), RequestSigner.newNonce(),
                Map.of(RequestSignature.KEY_HEADER, "bm90LWEta2V5")));
        var noNonce = http.send(http.prepare(alice, "GET", ApiPaths.JOBS, null, Instant.now(), RequestSigner.newNonce(),
                Map.of(RequestSignature.NONCE_HEADER, "short")));

        assertRefused(badTime, ProblemTypes.MALFORMED_SIGNATURE, RequestSignature.TIMESTAMP_HEADER);
        assertRefused(badKey, ProblemTypes.MALFORMED_SIGNATURE, RequestSignature.KEY_HEADER);
        assertRefused(noNonce, ProblemTypes.MALFORMED_SIGNATURE, RequestSignature.NONCE_HEADER);
    }

    @Test
    void tamperedBody_is401BadSignature() throws Exception {
        var signed = http.prepare(alice, "POST", ApiPaths.PROVIDERS, "{\"cpus\":1}".getBytes(StandardCharsets.UTF_8), Instant.now(),
                RequestSigner.newNonce(), null);
        var tampered = java.net.http.HttpRequest.newBuilder(signed.request(), (k, v) -> true)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"cpus\":2}")).build();

        var r = http.send(new SignedHttp.Prepared(tampered));

        assertRefused(r, ProblemTypes.BAD_SIGNATURE, "body SHA-256");
    }

    @Test
    void refusedRequests_changeNothing() throws Exception {
        byte[] register = "{\"name\":\"rig\",\"cpus\":4,\"memoryMb\":8192,\"region\":\"local\",\"price\":0.1,\"slots\":1,\"sandboxed\":true}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] blob = "content".getBytes(StandardCharsets.UTF_8);
        String blobPath = "/api/v1/blobs/" + org.gridmint.coordinator.blobs.BlobStore.sha256(blob);
        Instant stale = Instant.now().minus(Duration.ofMinutes(6));
        for (var attempt : List.of(
                http.prepare(null, "POST", ApiPaths.PROVIDERS, register, Instant.now(), null, null),
                http.prepare(alice, "POST", ApiPaths.PROVIDERS, register, stale, RequestSigner.newNonce(), null),
                http.prepare(alice, "POST", ApiPaths.PROVIDERS, register, Instant.now(), RequestSigner.newNonce(),
                        Map.of(RequestSignature.KEY_HEADER, bob.publicKeyText())),
                http.prepare(null, "PUT", blobPath, blob, Instant.now(), null, null),
                http.prepare(alice, "PUT", blobPath, blob, stale, RequestSigner.newNonce(), null))) {
            assertThat(http.send(attempt).statusCode()).isEqualTo(401);
        }

        assertThat(net.coordinator.providers().list().providers()).isEmpty();
        assertThat(http.send(alice, "GET", blobPath, null).statusCode()).isEqualTo(404);
    }

    @Test
    void publicRoutes_needNoSignature() throws Exception {
        for (String path : List.of(ApiPaths.OPENAPI, ApiPaths.HEALTH, "/metrics", ApiPaths.PROVIDERS))
            assertThat(http.unsigned("GET", path, null).statusCode()).as(path).isEqualTo(200);
    }

    @Test
    void staleness_isJudgedByTheAuthClock_withTheWindowInclusive() throws Exception {
        net.close();
        MutableClock wall = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        net = new TestNetwork(dir.resolve("fixed"), wall);
        net.coordinator.start();
        try (SignedHttp fixed = new SignedHttp(net.coordinator.url())) {
            Instant edge = wall.instant().minus(RequestSignature.WINDOW);

            var atEdge = fixed.send(fixed.prepare(alice, "GET", ApiPaths.JOBS, null, edge, RequestSigner.newNonce(), null));
            var pastEdge = fixed.send(fixed.prepare(alice, "GET", ApiPaths.JOBS, null, edge.minusMillis(1), RequestSigner.newNonce(), null));
            var ahead = fixed.send(fixed.prepare(alice, "GET", ApiPaths.JOBS, null, wall.instant().plus(RequestSignature.WINDOW).plusMillis(1),
                    RequestSigner.newNonce(), null));

            assertThat(atEdge.statusCode()).isEqualTo(200);
            assertRefused(pastEdge, ProblemTypes.STALE, "5m0.001s behind");
            assertRefused(ahead, ProblemTypes.STALE, "5m0.001s ahead of");
        }
    }
}
