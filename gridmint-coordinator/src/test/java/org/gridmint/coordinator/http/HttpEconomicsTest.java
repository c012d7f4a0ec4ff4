package org.gridmint.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.ProblemTypes;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.json.Json;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The economics routes over real HTTP on the default (embedded) settlement: the chain's description, addresses, withdrawals, claims. */
class HttpEconomicsTest extends InProcessNetworkTest {
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

    private static JsonNode json(java.net.http.HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    @Test
    void chain_isPublic_andSaysEmbedded() throws Exception {
        var r = http.unsigned("GET", ApiPaths.CHAIN, null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("settlement").asText()).isEqualTo("embedded");
    }

    @Test
    void payoutAddress_isSetAndReadByItsOwnerOnly_badOnesAre400NamingTheAddress() throws Exception {
        for (String body : List.of("{\"address\": \"0x12\"}", "{}", "{\"address\": \"0x" + "0".repeat(40) + "\"}")) {
            var bad = http.send(alice, "PUT", ApiPaths.WALLET_ADDRESS, body);
            assertThat(bad.statusCode()).as(body).isEqualTo(400);
            assertThat(json(bad).get("errors").get(0).get("field").asText()).isEqualTo("address");
        }

        var set = http.send(alice, "PUT", ApiPaths.WALLET_ADDRESS, "{\"address\": \"0x" + "AB".repeat(20) + "\"}");
        var mine = http.send(alice, "GET", ApiPaths.WALLET_ADDRESS, null);
        var bobs = http.send(bob, "GET", ApiPaths.WALLET_ADDRESS, null);

        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(json(mine).get("address").asText()).isEqualTo("0x" + "ab".repeat(20));
        assertThat(json(mine).get("account").asText()).isEqualTo(alice.account().value());
        assertThat(json(bobs).hasNonNull("address")).isFalse();
    }

    @Test
    void withdrawal_onTheEmbeddedSettlement_is409SayingItNeedsAChain_andClaimsAreEmpty() throws Exception {
        net.fund(alice.account(), "10");
        http.send(alice, "PUT", ApiPaths.WALLET_ADDRESS, "{\"address\": \"0x" + "ab".repeat(20) + "\"}");

        var r = http.send(alice, "POST", ApiPaths.WALLET_WITHDRAWALS, "{\"amount\": 5}");
        var bad = http.send(alice, "POST", ApiPaths.WALLET_WITHDRAWALS, "{\"amount\": -5}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
        assertThat(json(r).get("type").asText()).isEqualTo(ProblemTypes.WITHDRAWALS_NEED_CHAIN);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("errors").get(0).get("field").asText()).isEqualTo("amount");
        assertThat(json(http.send(alice, "GET", ApiPaths.WALLET_WITHDRAWALS, null)).get("withdrawals")).isEmpty();
        JsonNode claims = json(http.send(alice, "GET", ApiPaths.WALLET_CLAIMS, null));
        assertThat(claims.get("claims")).isEmpty();
        assertThat(claims.get("chain").get("settlement").asText()).isEqualTo("embedded");
        assertThat(json(http.send(alice, "GET", ApiPaths.WALLET, null)).get("balance").decimalValue()).isEqualByComparingTo("10");
    }
}
