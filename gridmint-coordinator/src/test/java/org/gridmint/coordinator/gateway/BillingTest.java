package org.gridmint.coordinator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.gridmint.api.ApiPaths;
import org.gridmint.coordinator.ledger.LedgerVerifier;
import org.gridmint.coordinator.store.GatewayTx;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.money.Credits;
import org.gridmint.embed.TokenCounter;
import org.junit.jupiter.api.Test;

/**
 * Billing through the ledger: usage records carry the tokens the coordinator counted, the client pays exactly
 * floor(tokens × price / 10⁶) per meter, split between the provider's owner and the fee, and racing requests bill the
 * exact sum. TestNetwork audits the ledger (with the gateway's checks) after each test.
 */
class BillingTest extends GatewayTestBase {
    private static final String PRICE = "1000"; // credits per 1M tokens: 1000 µ per token

    private Credits balance(AccountId a) {
        net.coordinator.gateway().billing().flush(); // bills commit behind the answers
        return net.coordinator.store().inTransaction(tx -> tx.ledger().balance(LedgerAccount.party(a)));
    }

    private List<GatewayTx.UsageRecord> usage() {
        net.coordinator.gateway().billing().flush();
        return net.coordinator.store().inTransaction(tx -> tx.gateway().usage(client.account().value(), 1000));
    }

    @Test
    void request_recordsTheCountedTokens_andPaysTheOwnerLessTheFee() throws Exception {
        provider(4, PRICE);
        List<String> texts = List.of("one small sentence", "and a second, somewhat longer sentence about billing");
        Credits before = balance(client.account());

        var r = embeddings(request(texts));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        long tokens;
        try (TokenCounter counter = TokenCounter.forModel(TestProvider.MODEL)) {
            tokens = counter.countAll(texts);
        }
        assertThat(json(r).get("usage").get("total_tokens").asLong()).isEqualTo(tokens);
        GatewayTx.UsageRecord u = usage().getFirst();
        assertThat(u.tokens()).isEqualTo(tokens);
        assertThat(u.items()).isEqualTo(2);
        assertThat(u.keyId()).isEqualTo(net.coordinator.gateway().keys().list(client.account()).keys().getFirst().id());
        long cost = tokens * 1000;
        assertThat(u.charged()).isEqualTo(cost);
        long fee = net.config.fee().on(Credits.ofMicros(cost)).micros();
        assertThat(u.fee()).isEqualTo(fee).isPositive();
        assertThat(balance(client.account())).isEqualTo(before.minus(Credits.ofMicros(cost)));
        assertThat(balance(owner.account())).isEqualTo(Credits.ofMicros(cost - fee));
        var posting = net.coordinator.store().inTransaction(tx -> tx.ledger().entry(PostingKind.INFERENCE, u.id())).orElseThrow().posting();
        assertThat(posting.to()).isEqualTo(LedgerAccount.party(owner.account()));
    }

    @Test
    void fractionsOfAMicroCredit_carryOverToTheNextRequest_neitherLostNorRoundedUp() throws Exception {
        provider(4, "0.5"); // half a micro-credit per token
        long tokens = 0;
        for (String t : List.of("a", "bb cc", "ddd eee fff", "the last one")) {
            var r = embeddings(request(t));
            assertThat(r.statusCode()).isEqualTo(200);
            tokens += json(r).get("usage").get("total_tokens").asLong();
        }

        long charged = usage().stream().mapToLong(GatewayTx.UsageRecord::charged).sum();
        assertThat(charged).isEqualTo(tokens / 2);
        assertThat(Credits.parse("1000").minus(balance(client.account())).micros()).isEqualTo(tokens / 2);
        assertThat(LedgerVerifier.verify(net.coordinator.store()).ok()).isTrue();
    }

    @Test
    void fiftyRacingRequests_billExactlyTheirSum() throws Exception {
        provider(32, "0.37");
        provider(32, "0.37");
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String text = "racing request number " + i + " " + "word ".repeat(i % 7);
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return embeddings(request(text));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        long tokens = 0;
        for (var c : calls) {
            HttpResponse<String> r = c.get();
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            tokens += json(r).get("usage").get("total_tokens").asLong();
        }

        List<GatewayTx.UsageRecord> usage = usage();
        assertThat(usage).hasSize(50);
        assertThat(usage.stream().mapToLong(GatewayTx.UsageRecord::tokens).sum()).isEqualTo(tokens);
        long expected = 0;
        for (String provider : usage.stream().map(u -> u.provider().value()).distinct().toList()) {
            long t = usage.stream().filter(u -> u.provider().value().equals(provider)).mapToLong(GatewayTx.UsageRecord::tokens).sum();
            expected += t * 370_000 / 1_000_000;
        }
        assertThat(Credits.parse("1000").minus(balance(client.account())).micros()).isEqualTo(expected);
        var verify = LedgerVerifier.verify(net.coordinator.store());
        assertThat(verify.breaks()).isEmpty();
    }

    @Test
    void keysAndUsage_areTheCallersOwn_andTheSecretIsShownOnce() throws Exception {
        provider(4, PRICE);
        assertThat(embeddings(request("billable")).statusCode()).isEqualTo(200);
        var other = org.gridmint.api.auth.Identity.generate();

        var created = signed(client, "POST", ApiPaths.APIKEYS, "{\"name\":\"laptop\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode k = json(created);
        assertThat(k.get("key").asText()).matches("gm-[A-Za-z0-9_-]{32,}");
        assertThat(k.get("key").asText()).startsWith(k.get("prefix").asText());
        JsonNode mine = json(signed(client, "GET", ApiPaths.APIKEYS, null));
        assertThat(mine.get("keys").size()).isEqualTo(2);
        assertThat(mine.get("keys").findValues("key")).allSatisfy(v -> assertThat(v.isNull()).isTrue());
        assertThat(json(signed(other, "GET", ApiPaths.APIKEYS, null)).get("keys").size()).isZero();
        String id = k.get("id").asText();
        var stolen = signed(other, "DELETE", ApiPaths.expand(ApiPaths.APIKEY, id), null);
        assertThat(stolen.statusCode()).isEqualTo(404);
        assertThat(bearer("GET", ApiPaths.OPENAI_MODELS, null, k.get("key").asText()).statusCode()).isEqualTo(200);

        JsonNode othersUsage = json(signed(other, "GET", ApiPaths.USAGE, null));
        assertThat(othersUsage.get("requests").asLong()).isZero();
        assertThat(othersUsage.get("recent").size()).isZero();
        JsonNode myUsage = json(signed(client, "GET", ApiPaths.USAGE, null));
        assertThat(myUsage.get("requests").asLong()).isEqualTo(1);
        assertThat(myUsage.get("recent").get(0).get("model").asText()).isEqualTo(TestProvider.MODEL);

        var revoked = signed(client, "DELETE", ApiPaths.expand(ApiPaths.APIKEY, id), null);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json(revoked).get("revokedAt").isNull()).isFalse();
        assertThat(bearer("GET", ApiPaths.OPENAI_MODELS, null, k.get("key").asText()).statusCode()).isEqualTo(401);
    }

    @Test
    void selfServed_paysOnlyTheFee() throws Exception {
        String id = registered(client, "mine", PRICE);
        providers.add(new TestProvider(id).open(base, client).ready(2, PRICE));
        while (net.coordinator.gateway().hub().capacity(org.gridmint.core.ids.ProviderId.of(id)) == 0) Thread.sleep(5);

        var r = embeddings(request("my own provider"));

        assertThat(r.statusCode()).isEqualTo(200);
        GatewayTx.UsageRecord u = usage().getFirst();
        assertThat(Credits.parse("1000").minus(balance(client.account())).micros()).isEqualTo(u.fee()).isPositive();
        var report = json(signed(client, "GET", ApiPaths.USAGE, null));
        assertThat(Credits.parse(report.get("charged").asText()).micros()).as("what the client paid").isEqualTo(u.fee());
        assertThat(Credits.parse(report.get("recent").get(0).get("charged").asText()).micros()).isEqualTo(u.fee());
    }

    @Test
    void balanceShortOfARequestsCost_isRefusedBeforeServing_andTheNextDepositLetsItThrough() throws Exception {
        TestProvider p = provider(4, PRICE);
        var poor = org.gridmint.api.auth.Identity.generate();
        net.fund(poor.account(), "0.00001"); // 10 µ: less than one token costs
        String poorKey = net.coordinator.gateway().keys().create(poor.account(), new org.gridmint.api.ApiKeyRequest("poor")).key();

        var refused = bearer("POST", ApiPaths.OPENAI_EMBEDDINGS, request("more than ten micro-credits of text"), poorKey);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused).get("error").get("code").asText()).isEqualTo("insufficient_quota");
        assertThat(p.calls.get()).as("nothing served unpaid").isZero();
        assertThat(balance(poor.account())).isEqualTo(Credits.parse("0.00001"));

        net.fund(poor.account(), "100");
        var after = bearer("POST", ApiPaths.OPENAI_EMBEDDINGS, request("paid up"), poorKey);
        assertThat(after.statusCode()).isEqualTo(200);
        long tokens = json(after).get("usage").get("total_tokens").asLong();

        long paid = Credits.parse("100.00001").minus(balance(poor.account())).micros();
        assertThat(paid).isEqualTo(tokens * 1000);
    }
}
