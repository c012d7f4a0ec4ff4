package org.gridmint.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.coordinator.store.StoreFixtures.at;
import static org.gridmint.coordinator.store.StoreFixtures.attempt;
import static org.gridmint.coordinator.store.StoreFixtures.blob;
import static org.gridmint.coordinator.store.StoreFixtures.ended;
import static org.gridmint.coordinator.store.StoreFixtures.job;
import static org.gridmint.coordinator.store.StoreFixtures.provider;
import static org.gridmint.coordinator.store.StoreFixtures.task;

import java.util.List;
import org.gridmint.api.GpuInfo;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.Test;

/** The store contract for providers, their statistics, and blob references. */
interface ProviderStoreContract extends StoreHarness {

    @Test
    default void provider_afterUpsert_readsBackEqualRecordWithGpusOwnerAndQuarantine() {
        ProviderRecord p = new ProviderRecord(ProviderId.of("prov-rig"), "acct-rigowner", "rig", 32, 131_072,
                List.of(new GpuInfo("NVIDIA GeForce RTX 4090", 24_564, "GPU-1"), new GpuInfo("NVIDIA GeForce RTX 4090", 24_564, "GPU-2")),
                "us-east", Credits.parse("0.345678"), 4, false, "0.2.0", at(0), at(5), true, "outputs disagree with other providers'");

        run(tx -> tx.upsertProvider(p));

        assertThat(tx((StoreTx tx) -> tx.provider(p.id()))).contains(p);
    }

    @Test
    default void upsertProvider_whenKnown_replacesIt() {
        run(tx -> tx.upsertProvider(provider("prov-a")));
        ProviderRecord changed = new ProviderRecord(ProviderId.of("prov-a"), "acct-newowner", "renamed", 8, 1_024, List.of(), null,
                Credits.parse("2"), 1, false, null, at(0), at(99), true, null);

        run(tx -> tx.upsertProvider(changed));

        assertThat(tx(StoreTx::providers)).containsExactly(changed);
    }

    @Test
    default void upsertProvider_liftingQuarantine_clearsTheReason() {
        ProviderRecord quarantined = provider("prov-a").withQuarantine(true, "too many lost tasks");
        run(tx -> tx.upsertProvider(quarantined));

        run(tx -> tx.upsertProvider(quarantined.withQuarantine(false, "ignored")));

        assertThat(tx((StoreTx tx) -> tx.provider(quarantined.id()))).hasValueSatisfying(p -> {
            assertThat(p.quarantined()).isFalse();
            assertThat(p.quarantineReason()).isNull();
            assertThat(p.owner()).isEqualTo(quarantined.owner());
        });
    }

    @Test
    default void provider_whenUnknown_isEmpty() {
        assertThat(tx((StoreTx tx) -> tx.provider(ProviderId.of("prov-none")))).isEmpty();
    }

    @Test
    default void providers_areByRegistrationTimeThenId() {
        run(tx -> {
            tx.upsertProvider(provider("prov-late", at(20)));
            tx.upsertProvider(provider("prov-b", at(10)));
            tx.upsertProvider(provider("prov-a", at(10)));
        });

        assertThat(tx(StoreTx::providers)).extracting(p -> p.id().value()).containsExactly("prov-a", "prov-b", "prov-late");
    }

    @Test
    default void touchProvider_setsLastSeenOnly() {
        ProviderRecord p = provider("prov-a");
        run(tx -> tx.upsertProvider(p));

        run(tx -> tx.touchProvider(p.id(), at(42)));

        assertThat(tx((StoreTx tx) -> tx.provider(p.id()))).contains(p.seenAt(at(42)));
    }

    @Test
    default void touchProvider_whenUnknown_throws() {
        assertThatThrownBy(() -> run(tx -> tx.touchProvider(ProviderId.of("prov-none"), at(1))))
                .isInstanceOf(StoreException.class).hasMessageContaining("prov-none");
    }

    @Test
    default void providerStats_countAttemptsByOutcomePerProvider() {
        insert(job("job-a", "alice", StoreFixtures.T0, StoreFixtures.draft(6)));
        var a = List.of(attempt("att-0", task("job-a", 0), 1, "prov-x", at(10)), attempt("att-1", task("job-a", 1), 1, "prov-x", at(10)),
                attempt("att-2", task("job-a", 2), 1, "prov-x", at(10)), attempt("att-3", task("job-a", 3), 1, "prov-x", at(10)),
                attempt("att-4", task("job-a", 4), 1, "prov-x", at(10)), attempt("att-5", task("job-a", 5), 1, "prov-y", at(10)));
        run(tx -> {
            a.forEach(tx::insertAttempt);
            tx.updateAttempt(ended(a.get(1), AttemptState.SUCCEEDED));
            tx.updateAttempt(ended(a.get(2), AttemptState.FAILED));
            tx.updateAttempt(ended(a.get(3), AttemptState.LOST));
            tx.updateAttempt(ended(a.get(4), AttemptState.CANCELLED));
            tx.updateAttempt(ended(a.get(5), AttemptState.CANCELLED));
        });

        var stats = tx(StoreTx::providerStats);

        assertThat(stats).containsOnlyKeys(ProviderId.of("prov-x"), ProviderId.of("prov-y"));
        assertThat(stats.get(ProviderId.of("prov-x"))).isEqualTo(new ProviderStats(ProviderId.of("prov-x"), 1, 1, 1, 1));
        assertThat(stats.get(ProviderId.of("prov-y"))).isEqualTo(ProviderStats.none(ProviderId.of("prov-y")));
    }

    @Test
    default void providerStats_whenNoAttempts_isEmpty() {
        run(tx -> tx.upsertProvider(provider("prov-a")));

        assertThat(tx(StoreTx::providerStats)).isEmpty();
    }

    @Test
    default void blobReferenced_findsJobFilesOutputsAndBothLogStreams() {
        insert(job("job-a"));
        var a = attempt("att-1", task("job-a", 0), 1, "prov-x", at(30));
        run(tx -> {
            tx.insertAttempt(a);
            tx.insertOutputs(task("job-a", 0), List.of(blob("out.json")));
            tx.saveLogs(new AttemptLogs(a.id(), blob("stdout"), blob("stderr")));
        });

        for (String name : List.of("in.txt", "out.json", "stdout", "stderr"))
            assertThat(tx((StoreTx tx) -> tx.blobReferenced(blob(name).sha256()))).as(name).isTrue();
        assertThat(tx((StoreTx tx) -> tx.blobReferenced(blob("orphan").sha256()))).isFalse();
    }

    @Test
    default void blobReferenced_followsJobFilesWhenUpdated() {
        JobRecord job = insert(job("job-a"));

        run(tx -> tx.updateJob(StoreFixtures.withFiles(job, List.of(blob("new.bin"), blob("new.bin")))));

        assertThat(tx((StoreTx tx) -> tx.blobReferenced(blob("in.txt").sha256()))).isFalse();
        assertThat(tx((StoreTx tx) -> tx.blobReferenced(blob("new.bin").sha256()))).isTrue();
    }

    @Test
    default void quarantine_isNoneUntilSaved_thenReadBackAndReplaced() {
        var p = org.gridmint.core.ids.ProviderId.of("prov-q");
        org.gridmint.core.market.Quarantine none = store().inTransaction(tx -> tx.quarantine(p));
        assertThat(none).isEqualTo(org.gridmint.core.market.Quarantine.NONE);

        var first = new org.gridmint.core.market.Quarantine(2, 0, null);
        run(tx -> tx.saveQuarantine(p, first));
        var second = new org.gridmint.core.market.Quarantine(0, 1, StoreFixtures.at(60));
        run(tx -> tx.saveQuarantine(p, second));

        org.gridmint.core.market.Quarantine read = store().inTransaction(tx -> tx.quarantine(p));
        java.util.Map<ProviderId, org.gridmint.core.market.Quarantine> all = store().inTransaction(tx -> tx.quarantines());
        assertThat(read).isEqualTo(second);
        assertThat(all).containsOnlyKeys(p).containsEntry(p, second);
    }

    @Test
    default void addEvidence_sumsOnTheProvidersRow_andProviderEvidenceMergesItWithOutcomes() {
        insert(job("job-e"));
        var p = ProviderId.of("prov-e");
        run(tx -> {
            var a = attempt("att-e1", task("job-e", 0), 1, "prov-e", at(30));
            tx.insertAttempt(a);
            tx.updateAttempt(ended(a, org.gridmint.core.lifecycle.AttemptState.SUCCEEDED));
            tx.addEvidence(p, 1, 0, 0);
            tx.addEvidence(p, 2, 3_000_000, 1);
        });

        org.gridmint.core.market.ProviderEvidence e = store().inTransaction(tx -> tx.providerEvidence().get(p));
        assertThat(e).isEqualTo(new org.gridmint.core.market.ProviderEvidence(1, 0, 3, 3.0, 1));
    }

    @Test
    default void peerRuntimes_areOtherProvidersPaidTasksOfTheJob_latestFirst_upToTheLimit() {
        insert(job("job-r"));
        run(tx -> {
            for (int i = 0; i < 4; i++)
                tx.ledger().insertCharge(new TaskCharge(task("job-r", i), org.gridmint.core.ids.AttemptId.of("att-r" + i),
                        ProviderId.of(i == 2 ? "prov-me" : "prov-peer"), "acct-o", 1000L * (i + 1), org.gridmint.core.money.Credits.parse("0.1"),
                        org.gridmint.core.money.Credits.ZERO, org.gridmint.core.money.Credits.ZERO, org.gridmint.core.money.Credits.ZERO, at(i)));
        });

        java.util.List<Long> peers = store().inTransaction(tx -> tx.peerRuntimes(org.gridmint.core.ids.JobId.of("job-r"), ProviderId.of("prov-me"), 2));
        assertThat(peers).containsExactly(4000L, 2000L);
    }
}
