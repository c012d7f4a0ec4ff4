package org.gridmint.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.coordinator.store.StoreFixtures.at;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gridmint.coordinator.store.GatewayTx.ApiKeyRecord;
import org.gridmint.coordinator.store.GatewayTx.Meter;
import org.gridmint.coordinator.store.GatewayTx.UsageRecord;
import org.gridmint.core.ids.ProviderId;
import org.junit.jupiter.api.Test;

/** The store contract for the gateway: API keys by hash, usage by account, and meters that racing requests add to exactly. */
interface GatewayStoreContract extends StoreHarness {
    ProviderId GW_PROV = ProviderId.of("prov-gw");

    @Test
    default void apiKey_isFoundByHash_listedNewestFirst_andRevokedOnce() {
        var older = new ApiKeyRecord("key-1", "acct-alice", "ci", "gm-abcdefg", "h1", at(1), null);
        var newer = new ApiKeyRecord("key-2", "acct-alice", "laptop", "gm-hijklmn", "h2", at(2), null);
        run(tx -> {
            tx.gateway().insertApiKey(older);
            tx.gateway().insertApiKey(newer);
            tx.gateway().insertApiKey(new ApiKeyRecord("key-3", "acct-bob", "x", "gm-opqrstu", "h3", at(3), null));
        });

        assertThat(tx((StoreTx tx) -> tx.gateway().apiKeyByHash("h2"))).contains(newer);
        assertThat(tx((StoreTx tx) -> tx.gateway().apiKeys("acct-alice"))).containsExactly(newer, older);
        run(tx -> tx.gateway().revokeApiKey("key-1", at(10)));
        run(tx -> tx.gateway().revokeApiKey("key-1", at(20)));
        assertThat(tx((StoreTx tx) -> tx.gateway().apiKey("key-1")).orElseThrow().revokedAt()).isEqualTo(at(10));
    }

    @Test
    default void usage_isListedByAccount_newestFirst_withTotals() {
        run(tx -> {
            tx.gateway().insertUsage(new UsageRecord("use-1", "key-1", "acct-alice", GW_PROV, "acct-owner", "m", 2, 10, 500_000, 5, 0, at(1)));
            tx.gateway().insertUsage(new UsageRecord("use-2", "key-1", "acct-alice", GW_PROV, "acct-owner", "m", 1, 7, 500_000, 3, 0, at(2)));
            tx.gateway().insertUsage(new UsageRecord("use-3", "key-9", "acct-bob", GW_PROV, "acct-owner", "m", 1, 99, 500_000, 49, 0, at(3)));
            // Served by alice's own provider: she paid the fee alone.
            tx.gateway().insertUsage(new UsageRecord("use-4", "key-1", "acct-alice", GW_PROV, "acct-alice", "m", 1, 4, 500_000, 2, 1, at(4)));
        });

        assertThat(tx((StoreTx tx) -> tx.gateway().usage("acct-alice", 10))).extracting(UsageRecord::id).containsExactly("use-4", "use-2", "use-1");
        assertThat(tx((StoreTx tx) -> tx.gateway().usageTotals("acct-alice"))).isEqualTo(new GatewayTx.UsageTotals(3, 4, 21, 9));
        assertThat(tx((StoreTx tx) -> tx.gateway().usageTotals("acct-nobody"))).isEqualTo(new GatewayTx.UsageTotals(0, 0, 0, 0));
    }

    @Test
    default void meter_addsTokensAndBilled_andDueRoundsDown() {
        Meter m = tx((StoreTx tx) -> tx.gateway().addTokens("acct-alice", GW_PROV, "m", 500_000, 7));
        assertThat(m.tokens()).isEqualTo(7);
        assertThat(m.due()).isEqualTo(3); // 7 tokens at 0.5 µ each
        run(tx -> tx.gateway().addBilled(m, 3));

        Meter after = tx((StoreTx tx) -> tx.gateway().addTokens("acct-alice", GW_PROV, "m", 500_000, 7));
        assertThat(after.tokens()).isEqualTo(14);
        assertThat(after.billed()).isEqualTo(3);
        assertThat(after.due()).isEqualTo(7);
    }

    @Test
    default void meter_racingAdditions_areAllCounted() throws Exception {
        int threads = 8;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        run(tx -> {
                            Meter m = tx.gateway().addTokens("acct-alice", GW_PROV, "m", 1_000_000, 3);
                            tx.gateway().addBilled(m, m.due() - m.billed());
                        });
                    }
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        List<Meter> meters = new ArrayList<>();
        run(tx -> tx.gateway().scanMeters(meters::add));

        assertThat(meters).singleElement().satisfies(m -> {
            assertThat(m.tokens()).isEqualTo(3L * threads * each);
            assertThat(m.billed()).isEqualTo(m.due());
        });
    }
}
