package org.gridmint.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.coordinator.store.StoreFixtures.blob;
import static org.gridmint.coordinator.store.StoreFixtures.job;
import static org.gridmint.coordinator.store.StoreFixtures.provider;
import static org.gridmint.coordinator.store.StoreFixtures.task;

import java.math.BigDecimal;
import java.util.List;
import org.gridmint.api.BlobRef;
import org.gridmint.api.ModelOffer;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.junit.jupiter.api.Test;

/** The store contract for embed jobs (V11): the shards of their tasks, and the models providers serve. */
interface ShardStoreContract extends StoreHarness {

    private static ShardRecord shard(String job, int index, int first, int count) {
        BlobRef b = blob("shard " + job + "/" + index);
        return new ShardRecord(task(job, index), first, count, b.sha256(), b.size());
    }

    @Test
    default void shards_afterInsert_readBackByTaskIndex_andOtherJobsHaveNone() {
        insert(job("job-a"));
        insert(job("job-b"));
        var s0 = shard("job-a", 0, 0, 256);
        var s1 = shard("job-a", 1, 256, 256);
        var s2 = shard("job-a", 2, 512, 7);

        run(tx -> tx.insertShards(List.of(s2, s0, s1)));

        assertThat(tx((StoreTx tx) -> tx.shards(JobId.of("job-a")))).containsExactly(s0, s1, s2);
        assertThat(tx((StoreTx tx) -> tx.shard(task("job-a", 2)))).contains(s2);
        assertThat(tx((StoreTx tx) -> tx.shard(task("job-b", 0)))).isEmpty();
        assertThat(tx((StoreTx tx) -> tx.shards(JobId.of("job-b")))).isEmpty();
        assertThat(s2.blob()).isEqualTo(new BlobRef("shard.jsonl", s2.sha256(), s2.size()));
    }

    @Test
    default void shards_ofAnUnknownTask_areRefused_andASecondShardOfATaskToo() {
        insert(job("job-a"));
        run(tx -> tx.insertShards(List.of(shard("job-a", 0, 0, 10))));

        assertThatThrownBy(() -> run(tx -> tx.insertShards(List.of(shard("job-a", 7, 0, 10))))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> run(tx -> tx.insertShards(List.of(shard("job-a", 0, 0, 10))))).isInstanceOf(StoreException.class);
        assertThat(tx((StoreTx tx) -> tx.shards(JobId.of("job-a")))).hasSize(1);
    }

    @Test
    default void shardBlob_isReferenced_soGarbageCollectionKeepsIt() {
        insert(job("job-a"));
        var s = shard("job-a", 1, 3, 3);
        assertThat(tx((StoreTx tx) -> tx.blobReferenced(s.sha256()))).isFalse();

        run(tx -> tx.insertShards(List.of(s)));

        assertThat(tx((StoreTx tx) -> tx.blobReferenced(s.sha256()))).isTrue();
    }

    @Test
    default void providerModels_roundTrip_andAReRegistrationReplacesThem() {
        var models = List.of(new ModelOffer("all-minilm-l6-v2-q", "cpu", 384, new BigDecimal("0.02")),
                new ModelOffer("all-minilm-l6-v2", "cuda", 384, new BigDecimal("0.5")));
        run(tx -> tx.upsertProvider(provider("prov-a").withModels(models)));
        run(tx -> tx.upsertProvider(provider("prov-b")));

        assertThat(tx((StoreTx tx) -> tx.provider(ProviderId.of("prov-a"))).orElseThrow().models()).isEqualTo(models);
        assertThat(tx((StoreTx tx) -> tx.provider(ProviderId.of("prov-b"))).orElseThrow().models()).isEmpty();

        run(tx -> tx.upsertProvider(provider("prov-a")));
        assertThat(reopen().inTransaction(tx -> tx.provider(ProviderId.of("prov-a"))).orElseThrow().models()).isEmpty();
        assertThat(tx((StoreTx tx) -> tx.provider(ProviderId.of("prov-a"))).orElseThrow().modelNames()).isEmpty();
    }
}
