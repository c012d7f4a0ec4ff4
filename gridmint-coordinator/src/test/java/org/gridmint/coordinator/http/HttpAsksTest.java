package org.gridmint.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.GpuInfo;
import org.gridmint.api.ProviderView;
import org.gridmint.api.RegisterProviderRequest;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.http.ApiTransport;
import org.gridmint.api.json.Json;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PUT /providers/{id}/asks over real HTTP: signed, owner only, problem+json naming each bad field, and nothing changed on error. */
class HttpAsksTest extends InProcessNetworkTest {
    SignedHttp http;
    final Identity alice = Identity.generate();
    final Identity bob = Identity.generate();
    String provider;

    @BeforeEach
    void start() {
        net.coordinator.start();
        http = new SignedHttp(net.coordinator.url());
        try (var asAlice = new ApiTransport(URI.create(net.coordinator.url()), alice)) {
            provider = asAlice.post(ApiPaths.PROVIDERS, new RegisterProviderRequest(null, "rig", 8, 16_384, List.of(new GpuInfo("Tesla T4", 15_360, "GPU-1")),
                    "local", new BigDecimal("0.25"), 1, true, "test"), ProviderView.class).id();
        }
    }

    @AfterEach
    void stop() {
        http.close();
    }

    private String path() {
        return ApiPaths.expand(ApiPaths.PROVIDER_ASKS, provider);
    }

    private JsonNode asksNow() throws Exception {
        JsonNode list = Json.mapper().readTree(http.unsigned("GET", ApiPaths.PROVIDERS, null).body());
        return list.get("providers").get(0).get("asks");
    }

    private static List<String> fields(String body) throws Exception {
        List<String> out = new ArrayList<>();
        Json.mapper().readTree(body).get("errors").forEach(e -> out.add(e.get("field").asText()));
        return out;
    }

    @Test
    void put_byTheOwner_changesTheAsks_andTheListShowsThem() throws Exception {
        var r = http.send(alice, "PUT", path(), "{\"asks\": {\"cpu\": 0.02, \"gpu:T4\": 0.3}}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(r.body()).get("asks").toString()).isEqualTo("{\"cpu\":0.02,\"gpu:Tesla T4\":0.3}");
        assertThat(asksNow().toString()).isEqualTo("{\"cpu\":0.02,\"gpu:Tesla T4\":0.3}");
    }

    @Test
    void put_withBadClassesAndPrices_is400ProblemNamingEachField_andChangesNothing() throws Exception {
        String before = asksNow().toString();

        var r = http.send(alice, "PUT", path(), "{\"asks\": {\"cpu\": -1, \"gpu:H100\": 2, \"tpu\": 1, \"gpu:T4\": 100000}}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(fields(r.body())).containsExactly("asks.cpu", "asks.gpu:H100", "asks.tpu", "asks.gpu:T4");
        assertThat(asksNow().toString()).isEqualTo(before);
    }

    @Test
    void put_withAMalformedBody_is400_andChangesNothing() throws Exception {
        String before = asksNow().toString();

        var notANumber = http.send(alice, "PUT", path(), "{\"asks\": {\"cpu\": \"cheap\"}}");
        var notAnObject = http.send(alice, "PUT", path(), "{\"asks\": [1, 2]}");
        var unknownField = http.send(alice, "PUT", path(), "{\"price\": 1}");

        assertThat(List.of(notANumber.statusCode(), notAnObject.statusCode(), unknownField.statusCode())).containsOnly(400);
        assertThat(notANumber.body()).contains("asks");
        assertThat(asksNow().toString()).isEqualTo(before);
    }

    @Test
    void put_byAnotherAccount_is403_unsigned401_andNothingChanges() throws Exception {
        String before = asksNow().toString();

        var byBob = http.send(bob, "PUT", path(), "{\"asks\": {\"cpu\": 0.01}}");
        var unsigned = http.unsigned("PUT", path(), "{\"asks\": {\"cpu\": 0.01}}");

        assertThat(byBob.statusCode()).isEqualTo(403);
        assertThat(byBob.body()).contains("urn:gridmint:problem:not-owner");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(asksNow().toString()).isEqualTo(before);
    }
}
