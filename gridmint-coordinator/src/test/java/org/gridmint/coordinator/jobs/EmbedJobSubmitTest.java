package org.gridmint.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.coordinator.jobs.EmbedJobs.MODEL;
import static org.gridmint.coordinator.jobs.EmbedJobs.shard;
import static org.gridmint.coordinator.jobs.EmbedJobs.spec;
import static org.gridmint.coordinator.jobs.EmbedJobs.submit;

import java.util.List;
import org.gridmint.api.Assignment;
import org.gridmint.api.BlobRef;
import org.gridmint.api.embed.ShardFile;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.store.ShardRecord;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.spec.FieldError;
import org.gridmint.core.spec.JobSpecDraft;
import org.junit.jupiter.api.Test;

/** Submitting an embed job: its input is counted and cut into shards, and its tasks go only to providers serving its model. */
class EmbedJobSubmitTest extends InProcessNetworkTest {
    static final String ALICE = "acct-alice";
    static final String CORPUS = "the cat sat\nthe dog ran\n\n  \nbirds fly south\nfish swim\nrain falls\nsun shines\nwind blows\n";

    @Test
    void submit_cutsTheInputIntoOneShardPerTask_andStoresTheItemsWithTheDraft() {
        var job = submit(net, ALICE, spec(MODEL, "corpus.txt", 3, "none"), List.of(net.blob("corpus.txt", CORPUS)));

        assertThat(job.taskCount()).isEqualTo(3);
        assertThat(net.coordinator.jobs().get(ALICE, job.id()).embed()).isEqualTo(new org.gridmint.api.EmbedJobView(MODEL, "corpus.txt", 7, 3));
        var stored = net.coordinator.store().inTransaction(tx -> tx.job(EmbedJobs.id(job))).orElseThrow();
        assertThat(stored.draft().items()).isEqualTo(7);
        assertThat(stored.spec().embed().items()).isEqualTo(7);
        List<ShardRecord> shards = net.coordinator.store().inTransaction(tx -> tx.shards(EmbedJobs.id(job)));
        assertThat(shards).extracting(ShardRecord::firstItem).containsExactly(0, 3, 6);
        assertThat(shards).extracting(ShardRecord::itemCount).containsExactly(3, 3, 1);
    }

    @Test
    void afterARestart_theJobReadsAsTheSameSpec_andItsTasksAreStillAssignedTheirShards() {
        var job = submit(net, ALICE, spec(MODEL, "corpus.txt", 3, "none"), List.of(net.blob("corpus.txt", CORPUS)));
        var before = net.coordinator.store().inTransaction(tx -> tx.job(EmbedJobs.id(job))).orElseThrow();
        net.close();
        net = new org.gridmint.coordinator.TestNetwork(dir);

        var after = net.coordinator.store().inTransaction(tx -> tx.job(EmbedJobs.id(job))).orElseThrow();
        assertThat(after.spec()).isEqualTo(before.spec());
        String p = net.embedProvider("embedder", 3, MODEL);
        assertThat(net.claim(p, 3)).hasSize(3).allSatisfy(a -> assertThat(shard(net, a)).isNotEmpty());
    }

    @Test
    void claim_byAModelProvider_getsEmbedTasksWithTheirShardAndNoCommand() {
        var job = submit(net, ALICE, spec(MODEL, "corpus.txt", 3, "none"), List.of(net.blob("corpus.txt", CORPUS)));
        String p = net.embedProvider("embedder", 4, MODEL);

        List<Assignment> got = net.claim(p, 4);

        assertThat(got).hasSize(3).allSatisfy(a -> {
            assertThat(a.jobId()).isEqualTo(job.id());
            assertThat(a.runtime()).isEqualTo("embed");
            assertThat(a.model()).isEqualTo(MODEL);
            assertThat(a.command()).isEmpty();
            assertThat(a.outputs()).containsExactly("embeddings.npy");
            assertThat(a.files()).extracting(BlobRef::name).containsExactly("shard.jsonl");
        });
        var byTask = got.stream().sorted(java.util.Comparator.comparingInt(Assignment::taskIndex)).toList();
        // Blank lines are skipped but counted: an item's id is its line number.
        assertThat(shard(net, byTask.get(0))).containsExactly(new ShardFile.Entry(0, "1", "the cat sat"), new ShardFile.Entry(1, "2", "the dog ran"),
                new ShardFile.Entry(2, "5", "birds fly south"));
        assertThat(shard(net, byTask.get(1))).extracting(ShardFile.Entry::i).containsExactly(3, 4, 5);
        assertThat(shard(net, byTask.get(2))).containsExactly(new ShardFile.Entry(6, "9", "wind blows"));
    }

    @Test
    void jsonlInput_takesItsTextFieldAndIds() {
        String input = "{\"id\": \"a-1\", \"body\": \"first\"}\n{\"id\": 7, \"body\": \"second\"}\n";
        var draft = new JobSpecDraft("jsonl", "embed", null, null, null, null, null, null, null, null, 2, null, null, null, null,
                JobSpecDraft.VerifyDraft.ofPolicy("none"), null, MODEL, "docs.jsonl", null, "body", null);
        submit(net, ALICE, draft, List.of(net.blob("docs.jsonl", input)));
        String p = net.embedProvider("embedder", 1, MODEL);

        assertThat(shard(net, net.claim(p, 1).getFirst())).containsExactly(new ShardFile.Entry(0, "a-1", "first"), new ShardFile.Entry(1, "7", "second"));
    }

    @Test
    void execOnlyProvider_neverGetsAnEmbedTask_andTheJobSaysItWaitsForTheModel() {
        var job = submit(net, ALICE, spec(MODEL, "corpus.txt", 10, "none"), List.of(net.blob("corpus.txt", CORPUS)));
        String exec = net.provider("exec-only", "0.1", 4);
        String other = net.embedProvider("other-model", 4, "all-minilm-l6-v2");

        assertThat(net.claim(exec, 4)).isEmpty();
        assertThat(net.claim(other, 4)).isEmpty();
        assertThat(net.coordinator.jobs().get(ALICE, job.id()).waiting()).contains("do not serve model " + MODEL);

        String embedder = net.embedProvider("embedder", 1, MODEL);
        assertThat(net.claim(embedder, 1)).singleElement().satisfies(a -> assertThat(a.runtime()).isEqualTo("embed"));
    }

    @Test
    void clientSentItems_areReplacedByTheCoordinatorsCount() {
        var lying = spec(MODEL, "corpus.txt", 3, "none").withItems(1_000);

        var job = submit(net, ALICE, lying, List.of(net.blob("corpus.txt", CORPUS)));

        assertThat(job.taskCount()).isEqualTo(3);
    }

    @Test
    void unknownModel_is400NamingModel_andNothingIsStored() {
        assertRejected(spec("no-such-model", "corpus.txt", 3, "none"), List.of(net.blob("corpus.txt", CORPUS)), "spec.model",
                "unknown model 'no-such-model' (known: all-minilm-l6-v2-q, all-minilm-l6-v2)");
    }

    @Test
    void malformedJsonlLine_is400NamingTheLine_andNothingIsStored() {
        String input = "{\"text\": \"ok\"}\n{\"text\": \"broken\"\n{\"other\": 1}\n";
        assertRejected(spec(MODEL, "docs.jsonl", 3, "none"), List.of(net.blob("docs.jsonl", input)), "input line 2", "not JSON");
        assertRejected(spec(MODEL, "docs.jsonl", 3, "none"), List.of(net.blob("docs.jsonl", input)), "input line 3", "no string field 'text'");
    }

    @Test
    void aBadLineAfterManyGoodOnes_is400NamingIt_andNoShardIsWritten_forTheInputIsCheckedWholeBeforeItIsCut() {
        StringBuilder input = new StringBuilder();
        List<org.gridmint.api.embed.EmbedInput.Item> firstShard = new java.util.ArrayList<>();
        for (int line = 1; line <= 2000; line++) {
            input.append("{\"text\": \"item ").append(line).append("\"}\n");
            if (line <= 3) firstShard.add(new org.gridmint.api.embed.EmbedInput.Item(Integer.toString(line), "item " + line));
        }
        input.append("{\"text\": 5}\n");

        assertRejected(spec(MODEL, "docs.jsonl", 3, "none"), List.of(net.blob("docs.jsonl", input.toString())), "input line 2001",
                "no string field 'text'");
        String firstShardSha = org.gridmint.coordinator.blobs.BlobStore.sha256(org.gridmint.api.embed.ShardFile.write(0, firstShard));
        assertThat(EmbedJobs.blobs(net).exists(firstShardSha)).isFalse();
    }

    @Test
    void aLargeInput_isCutIntoShardsHoldingExactlyTheirItems() {
        StringBuilder input = new StringBuilder();
        for (int line = 1; line <= 1000; line++) input.append("text number ").append(line).append(" ").append("y".repeat(line % 200)).append('\n');
        var job = submit(net, ALICE, spec(MODEL, "big.txt", 300, "none"), List.of(net.blob("big.txt", input.toString())));

        List<ShardRecord> shards = net.coordinator.store().inTransaction(tx -> tx.shards(EmbedJobs.id(job)));
        assertThat(shards).extracting(ShardRecord::itemCount).containsExactly(300, 300, 300, 100);
        for (ShardRecord s : shards) {
            List<org.gridmint.api.embed.ShardFile.Entry> entries;
            try {
                entries = org.gridmint.api.embed.ShardFile.read(java.nio.file.Files.readAllBytes(EmbedJobs.blobs(net).require(s.sha256())));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertThat(entries).hasSize(s.itemCount());
            for (int k = 0; k < entries.size(); k++) {
                int line = s.firstItem() + k + 1;
                assertThat(entries.get(k).i()).isEqualTo(s.firstItem() + k);
                assertThat(entries.get(k).id()).isEqualTo(Integer.toString(line));
                assertThat(entries.get(k).text()).isEqualTo("text number " + line + " " + "y".repeat(line % 200));
            }
        }
    }

    @Test
    void emptyInput_is400NamingInput_andNothingIsStored() {
        assertRejected(spec(MODEL, "corpus.txt", 3, "none"), List.of(net.blob("corpus.txt", "\n  \n\n")), "input", "holds no items");
    }

    @Test
    void missingInputBlob_is400NamingFiles_andNothingIsStored() {
        assertRejected(spec(MODEL, "corpus.txt", 3, "none"), List.of(), "files", "the spec's input 'corpus.txt' needs an uploaded blob");
        var notUploaded = new BlobRef("corpus.txt", "ab".repeat(32), 10);
        assertRejected(spec(MODEL, "corpus.txt", 3, "none"), List.of(notUploaded), "files[0].sha256", "no blob");
    }

    private void assertRejected(JobSpecDraft draft, List<BlobRef> files, String field, String message) {
        var before = net.coordinator.ledger().wallet(AccountId.of(ALICE));
        assertThatThrownBy(() -> net.coordinator.jobs().submit(ALICE, new org.gridmint.api.SubmitJobRequest(draft, files)))
                .isInstanceOfSatisfying(CoordinatorException.Invalid.class, e -> assertThat(e.errors())
                        .anySatisfy((FieldError fe) -> {
                            assertThat(fe.field()).isEqualTo(field);
                            assertThat(fe.message()).contains(message);
                        }));
        List<org.gridmint.coordinator.store.JobRecord> jobs = net.coordinator.store().inTransaction(tx -> tx.jobs(null, 10));
        assertThat(jobs).isEmpty();
        assertThat(net.coordinator.ledger().wallet(AccountId.of(ALICE))).isEqualTo(before);
    }
}
