package org.gridmint.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.ProblemTypes;
import org.gridmint.api.ProviderView;
import org.gridmint.api.RegisterProviderRequest;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.http.ApiTransport;
import org.gridmint.api.json.Json;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stake routes over real HTTP: signed, owner only for changes, problem+json naming the field, nothing changed on error. */
class HttpStakeTest extends InProcessNetworkTest {
    SignedHttp http;
    final Identity alice = Identity.generate();
    final Identity bob = Identity.generate();
    String provider;

    @BeforeEach
    void start() {
        net.coordinator.start();
        http = new SignedHttp(net.coordinator.url());
        try (var asAlice = new ApiTransport(URI.create(net.coordinator.url()), alice)) {
            provider = asAlice.post(ApiPaths.PROVIDERS, new RegisterProviderRequest(null, "rig", 8, 16_384, List.of(), "local", new BigDecimal("0.25"), 1,
                    true, "test"), ProviderView.class).id();
        }
        net.fund(alice.account(), "30");
    }

    @AfterEach
    void stop() {
        http.close();
    }

    private JsonNode stakeNow() throws Exception {
        var r = http.send(bob, "GET", ApiPaths.expand(ApiPaths.PROVIDER_STAKE, provider), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    @Test
    void stakeThenUnstake_byTheOwner_showsInTheStakeAndTheProviderList() throws Exception {
        var staked = http.send(alice, "POST", ApiPaths.expand(ApiPaths.PROVIDER_STAKE, provider), "{\"amount\": 25}");
        var unstaked = http.send(alice, "POST", ApiPaths.expand(ApiPaths.PROVIDER_UNSTAKE, provider), "{\"amount\": 5}");

        assertThat(staked.statusCode()).as(staked.body()).isEqualTo(200);
        assertThat(unstaked.statusCode()).as(unstaked.body()).isEqualTo(200);
        JsonNode v = stakeNow();
        assertThat(v.get("providerId").asText()).isEqualTo(provider);
        assertThat(v.get("staked").decimalValue()).isEqualByComparingTo("25");
        assertThat(v.get("unbonding").decimalValue()).isEqualByComparingTo("5");
        assertThat(v.get("unbondings").get(0).get("state").asText()).isEqualTo("UNBONDING");
        JsonNode list = Json.mapper().readTree(http.unsigned("GET", ApiPaths.PROVIDERS, null).body());
        assertThat(list.get("providers").get(0).get("stake").decimalValue()).isEqualByComparingTo("25");
    }

    @Test
    void badAmounts_are400ProblemsNamingTheAmount_andChangeNothing() throws Exception {
        for (String body : List.of("{\"amount\": -1}", "{\"amount\": 0}", "{\"amount\": 0.0000001}", "{\"amount\": 31}", "{}")) {
            var r = http.send(alice, "POST", ApiPaths.expand(ApiPaths.PROVIDER_STAKE, provider), body);

            assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(400);
            assertThat(Json.mapper().readTree(r.body()).get("errors").get(0).get("field").asText()).isEqualTo("amount");
        }
        var unstake = http.send(alice, "POST", ApiPaths.expand(ApiPaths.PROVIDER_UNSTAKE, provider), "{\"amount\": 1}");
        assertThat(unstake.statusCode()).isEqualTo(400);
        assertThat(unstake.body()).contains("at most 0 can be unstaked");
        assertThat(stakeNow().get("staked").decimalValue()).isEqualByComparingTo("0");
        assertThat(net.coordinator.ledger().wallet(alice.account()).balance()).isEqualByComparingTo("30");
    }

    @Test
    void anotherAccount_is403NotOwner_andAnUnknownProvider404() throws Exception {
        net.fund(bob.account(), "5");

        var r = http.send(bob, "POST", ApiPaths.expand(ApiPaths.PROVIDER_STAKE, provider), "{\"amount\": 1}");
        var unknown = http.send(alice, "POST", ApiPaths.expand(ApiPaths.PROVIDER_STAKE, "prov-nobody"), "{\"amount\": 1}");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(Json.mapper().readTree(r.body()).get("type").asText()).isEqualTo(ProblemTypes.NOT_OWNER);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(stakeNow().get("staked").decimalValue()).isEqualByComparingTo("0");
    }
}
