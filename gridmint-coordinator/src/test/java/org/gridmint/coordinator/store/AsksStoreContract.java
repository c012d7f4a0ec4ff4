package org.gridmint.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.coordinator.store.StoreFixtures.at;
import static org.gridmint.coordinator.store.StoreFixtures.attempt;
import static org.gridmint.coordinator.store.StoreFixtures.ended;
import static org.gridmint.coordinator.store.StoreFixtures.job;
import static org.gridmint.coordinator.store.StoreFixtures.task;

import java.util.LinkedHashMap;
import java.util.List;
import org.gridmint.api.GpuInfo;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.AttemptRecord;
import org.gridmint.core.scheduling.Asks;
import org.junit.jupiter.api.Test;

/** The store contract for asks per resource class (providers.asks) and the price each attempt agreed to (attempts.ask_micros). */
interface AsksStoreContract extends StoreHarness {

    private static ProviderRecord gpuRig() {
        var asks = new LinkedHashMap<String, Credits>();
        asks.put(Asks.CPU, Credits.parse("0.015"));
        asks.put("gpu:Tesla T4", Credits.parse("0.3"));
        asks.put("gpu:NVIDIA A100", Credits.parse("1.234567"));
        return new ProviderRecord(ProviderId.of("prov-rig"), "acct-rigowner", "rig", 32, 131_072,
                List.of(new GpuInfo("Tesla T4", 15_360, "GPU-1"), new GpuInfo("NVIDIA A100", 40_960, "GPU-2")), "us-east",
                Credits.parse("0.3"), 2, true, "0.3.0", at(0), at(5), false, null, new Asks(asks));
    }

    @Test
    default void provider_withAsksPerClass_readsThemBackInOrder_alsoAfterReopening() {
        ProviderRecord p = gpuRig();

        run(tx -> tx.upsertProvider(p));

        assertThat(tx((StoreTx tx) -> tx.provider(p.id()))).contains(p);
        reopen();
        assertThat(tx((StoreTx tx) -> tx.provider(p.id()))).hasValueSatisfying(back -> {
            assertThat(back.asks().byClass()).containsExactlyEntriesOf(p.asks().byClass());
            assertThat(back.price()).isEqualTo(Credits.parse("0.3"));
        });
    }

    @Test
    default void provider_withOnePrice_readsBackThatPriceForEveryClass() {
        ProviderRecord p = StoreFixtures.provider("prov-a");

        run(tx -> tx.upsertProvider(p));

        ProviderRecord back = tx((StoreTx tx) -> tx.provider(p.id())).orElseThrow();
        assertThat(back.asks().byClass()).containsOnlyKeys(Asks.classesOf(back.gpuModels())).allSatisfy((k, v) -> assertThat(v).isEqualTo(p.price()));
    }

    @Test
    default void upsertProvider_withChangedAsks_replacesThemAndTheMainPrice() {
        ProviderRecord p = gpuRig();
        run(tx -> tx.upsertProvider(p));
        var change = new LinkedHashMap<String, Credits>();
        change.put("gpu:Tesla T4", Credits.parse("0.45"));

        run(tx -> tx.upsertProvider(p.withAsks(p.asks().with(change))));

        ProviderRecord back = tx((StoreTx tx) -> tx.provider(p.id())).orElseThrow();
        assertThat(back.asks().gpu("Tesla T4")).isEqualTo(Credits.parse("0.45"));
        assertThat(back.asks().cpu()).isEqualTo(Credits.parse("0.015"));
        assertThat(back.price()).as("the main class is its first GPU's").isEqualTo(Credits.parse("0.45"));
    }

    @Test
    default void attempt_keepsTheAskAgreedAtAssignment_throughItsUpdates() {
        insert(job("job-a"));
        AttemptRecord plain = attempt("att-1", task("job-a", 0), 1, "prov-x", at(30));
        AttemptRecord agreed = new AttemptRecord(plain.id(), plain.task(), plain.number(), plain.provider(), plain.state(), null, null, null,
                plain.assignedAt(), null, null, plain.leaseExpiresAt(), null, Credits.parse("0.123456"));
        run(tx -> tx.insertAttempt(agreed));

        run(tx -> tx.updateAttempt(ended(agreed, AttemptState.SUCCEEDED)));

        assertThat(tx((StoreTx tx) -> tx.attempt(agreed.id()))).hasValueSatisfying(a -> {
            assertThat(a.state()).isEqualTo(AttemptState.SUCCEEDED);
            assertThat(a.ask()).isEqualTo(Credits.parse("0.123456"));
        });
    }

    @Test
    default void attempt_withoutAnAgreedAsk_readsBackNull() {
        insert(job("job-a"));
        AttemptRecord a = attempt("att-1", task("job-a", 0), 1, "prov-x", at(30));

        run(tx -> tx.insertAttempt(a));

        assertThat(tx((StoreTx tx) -> tx.attempt(a.id()))).hasValueSatisfying(back -> assertThat(back.ask()).isNull());
    }
}
