package org.gridmint.coordinator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.gridmint.api.ApiKeyRequest;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.auth.Identity;
import org.gridmint.coordinator.store.GatewayTx;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.money.Credits;
import org.gridmint.embed.TokenCounter;
import org.junit.jupiter.api.Test;

/**
 * Concurrent requests of a nearly empty account: only as many are served as its balance covers in full, the rest are
 * 429 insufficient_quota, and every one served is billed exactly.
 */
class QuotaTest extends GatewayTestBase {

    @Test
    void concurrentRequests_ofANearlyEmptyAccount_areServedOnlyAsFarAsItsBalanceCovers() throws Exception {
        TestProvider p = provider(32, "1000"); // 1000 µ per token
        p.delayMillis = 300; // every request is in flight at once
        long tokens;
        try (TokenCounter counter = TokenCounter.forModel(TestProvider.MODEL)) {
            tokens = counter.count("hello");
        }
        long cost = tokens * 1000;
        Identity poor = Identity.generate();
        net.fund(poor.account(), Credits.ofMicros(cost * 3 + cost / 2).toString()); // three and a half requests
        String poorKey = net.coordinator.gateway().keys().create(poor.account(), new ApiKeyRequest("poor")).key();

        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 12; i++)
            sent.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return bearer("POST", ApiPaths.OPENAI_EMBEDDINGS, request("hello"), poorKey);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        int served = 0;
        for (var f : sent) {
            HttpResponse<String> r = f.join();
            if (r.statusCode() == 200) served++;
            else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
                assertThat(json(r).get("error").get("code").asText()).isEqualTo("insufficient_quota");
            }
        }

        assertThat(served).isBetween(1, 3);
        net.coordinator.gateway().billing().flush();
        List<GatewayTx.UsageRecord> usage = net.coordinator.store().inTransaction(tx -> tx.gateway().usage(poor.account().value(), 100));
        assertThat(usage).hasSize(served).allSatisfy(u -> assertThat(u.charged()).isEqualTo(cost));
        Credits left = net.coordinator.store().inTransaction(tx -> tx.ledger().balance(LedgerAccount.party(poor.account())));
        assertThat(left.micros()).isEqualTo(cost * 3 + cost / 2 - served * cost).isNotNegative();
        assertThat(net.coordinator.gateway().quota().held(poor.account())).isZero();
    }

    @Test
    void cost_isTheTokensAtThePrice_roundedUpToAMicroCredit() {
        assertThat(Quota.cost(3, new BigDecimal("1000"))).isEqualTo(3000);
        assertThat(Quota.cost(3, new BigDecimal("0.5"))).isEqualTo(2); // 1.5 µ, rounded up
        assertThat(Quota.cost(0, new BigDecimal("1000"))).isZero();
        assertThat(Quota.cost(2048L * 256, new BigDecimal("1000000"))).isEqualTo(2048L * 256 * 1_000_000);
    }
}
