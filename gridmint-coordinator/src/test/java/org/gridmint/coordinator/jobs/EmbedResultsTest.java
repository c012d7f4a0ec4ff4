package org.gridmint.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.coordinator.jobs.EmbedJobs.MODEL;
import static org.gridmint.coordinator.jobs.EmbedJobs.completeWithVectors;
import static org.gridmint.coordinator.jobs.EmbedJobs.embeddings;
import static org.gridmint.coordinator.jobs.EmbedJobs.spec;
import static org.gridmint.coordinator.jobs.EmbedJobs.submit;
import static org.gridmint.coordinator.jobs.EmbedJobs.vector;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gridmint.api.Assignment;
import org.gridmint.api.ClaimRequest;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.json.Json;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.core.ids.AccountId;
import org.gridmint.embed.Vectors;
import org.junit.jupiter.api.Test;

/** The results of an embed job: every task's accepted vectors as one file in input order, only once it has succeeded. */
class EmbedResultsTest extends InProcessNetworkTest {
    static final String ALICE = "acct-alice";
    static final String CORPUS = "alpha\nbeta\n\ngamma\ndelta\nepsilon\n";

    /** Submits the corpus in shards of 2 and has one provider finish its tasks last to first, so report order is not input order. */
    private String finishedJob() {
        var job = submit(net, ALICE, spec(MODEL, "corpus.txt", 2, "none"), List.of(net.blob("corpus.txt", CORPUS)));
        String p = net.embedProvider("embedder", 4, MODEL);
        List<Assignment> got = net.claim(p, 4);
        assertThat(got).hasSize(3);
        for (Assignment a : got.reversed()) completeWithVectors(net, TestNetwork.OWNER, p, a);
        assertThat(net.coordinator.jobs().get(ALICE, job.id()).state()).isEqualTo("SUCCEEDED");
        return job.id();
    }

    @Test
    void npy_holdsEveryItemsVectorInInputOrder() {
        String job = finishedJob();

        float[][] rows = Vectors.fromNpy(embeddings(net, ALICE, job, "npy"));

        assertThat(rows).hasNumberOfRows(5);
        for (int i = 0; i < 5; i++) assertThat(rows[i]).as("item " + i).containsExactly(vector(i));
        assertThat(Vectors.fromNpy(embeddings(net, ALICE, job, null))).as("npy is the default").hasNumberOfRows(5);
    }

    @Test
    void jsonl_holdsOneLinePerItem_withItsIndexIdAndVector_inInputOrder() throws Exception {
        String job = finishedJob();

        List<String> lines = new String(embeddings(net, ALICE, job, "jsonl"), StandardCharsets.UTF_8).lines().toList();

        assertThat(lines).hasSize(5);
        List<String> ids = List.of("1", "2", "4", "5", "6");
        for (int i = 0; i < 5; i++) {
            JsonNode n = Json.mapper().readTree(lines.get(i));
            assertThat(n.get("index").intValue()).isEqualTo(i);
            assertThat(n.get("id").textValue()).isEqualTo(ids.get(i));
            float[] v = new float[n.get("embedding").size()];
            for (int k = 0; k < v.length; k++) v[k] = n.get("embedding").get(k).floatValue();
            assertThat(v).containsExactly(vector(i));
        }
    }

    @Test
    void beforeSuccess_is409NamingTheState() {
        var job = submit(net, ALICE, spec(MODEL, "corpus.txt", 2, "none"), List.of(net.blob("corpus.txt", CORPUS)));

        assertThatThrownBy(() -> embeddings(net, ALICE, job.id(), "npy")).isInstanceOfSatisfying(CoordinatorException.Conflict.class, e -> {
            assertThat(e.state()).isEqualTo("PENDING");
            assertThat(e).hasMessageContaining("SUCCEEDED");
        });
    }

    @Test
    void anotherAccount_cannotReadThem_andABadFormatIs400NamingFormat() {
        String job = finishedJob();

        assertThatThrownBy(() -> embeddings(net, "acct-mallory", job, "npy")).isInstanceOf(CoordinatorException.NotFound.class);
        assertThatThrownBy(() -> embeddings(net, ALICE, job, "csv")).isInstanceOfSatisfying(CoordinatorException.Invalid.class,
                e -> assertThat(e.errors()).singleElement().satisfies(fe -> assertThat(fe.field()).isEqualTo("format")));
    }

    @Test
    void anExecJob_hasNoEmbeddings() {
        var job = net.submit(ALICE, TestNetwork.spec(1));

        assertThatThrownBy(() -> embeddings(net, ALICE, job.id(), "npy")).isInstanceOf(CoordinatorException.Invalid.class)
                .hasMessageContaining("not embed");
    }

    @Test
    void anOutputWithTooFewRows_isRefusedAtCompletion_andTheTaskDoesNotSucceed() {
        var job = submit(net, ALICE, spec(MODEL, "corpus.txt", 5, "none"), List.of(net.blob("corpus.txt", CORPUS)));
        var shortOutput = net.blob("embeddings.npy", Vectors.toNpy(new float[][] {vector(0), vector(1)}));
        var notNpy = net.blob("embeddings.npy", "not a numpy file");

        assertThat(refused(job.id(), "first", shortOutput).message()).contains("has 2 rows but task 0's shard holds 5 items");
        assertThat(refused(job.id(), "second", notNpy).message()).contains("not a .npy file");
        assertThat(net.coordinator.jobs().get(ALICE, job.id()).state()).isNotEqualTo("SUCCEEDED");
        assertThatThrownBy(() -> embeddings(net, ALICE, job.id(), "npy")).isInstanceOf(CoordinatorException.Conflict.class);
    }

    @Test
    void anOutputOfTheWrongDimensionsOrWithNaNs_isRefusedAtCompletion_evenUnreplicated_andTheTaskDoesNotSucceed() {
        var job = submit(net, ALICE, spec(MODEL, "corpus.txt", 5, "adaptive"), List.of(net.blob("corpus.txt", CORPUS)));
        float[][] narrow = new float[5][1];
        float[][] withNaN = new float[5][];
        for (int i = 0; i < 5; i++) {
            narrow[i][0] = 1;
            withNaN[i] = vector(i);
        }
        withNaN[3][17] = Float.NaN;

        assertThat(refused(job.id(), "first", net.blob("embeddings.npy", Vectors.toNpy(narrow))).message())
                .contains("vectors of 1 dimensions but the model's have 384");
        assertThat(refused(job.id(), "second", net.blob("embeddings.npy", Vectors.toNpy(withNaN))).message())
                .contains("row 3 (item 3)").contains("not finite");
        assertThat(net.coordinator.jobs().get(ALICE, job.id()).state()).isNotEqualTo("SUCCEEDED");
        assertThatThrownBy(() -> embeddings(net, ALICE, job.id(), "npy")).isInstanceOf(CoordinatorException.Conflict.class);
    }

    /**
     * Has a new provider claim the job's task and report {@code output}; checks that it is refused with 400 naming outputs
     * and that its attempt is failed at once as the provider's runtime's fault (the task is pending again, not held until
     * the lease runs out). Answers the refusal.
     */
    private org.gridmint.core.spec.FieldError refused(String job, String provider, org.gridmint.api.BlobRef output) {
        String p = net.embedProvider(provider, 1, MODEL);
        Assignment a = net.claim(p, 1).getFirst();
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(CoordinatorException.Invalid.class, () -> net.coordinator.work()
                .complete(TestNetwork.OWNER, a.attemptId(), new CompleteRequest(p, 0, List.of(output), null, null, 5)));
        assertThat(e).as("the completion is refused").isNotNull();
        assertThat(e.errors()).singleElement().satisfies(fe -> assertThat(fe.field()).isEqualTo("outputs"));
        var attempt = net.coordinator.store().inTransaction(tx -> tx.attempt(org.gridmint.core.ids.AttemptId.of(a.attemptId()))).orElseThrow();
        assertThat(attempt.state().name()).isEqualTo("FAILED");
        assertThat(attempt.reason()).isEqualTo(org.gridmint.core.lifecycle.AttemptReason.RUNTIME_ERROR);
        var task = net.coordinator.store().inTransaction(tx -> tx.task(attempt.task())).orElseThrow();
        assertThat(task.state().name()).isEqualTo("PENDING");
        return e.errors().getFirst();
    }

    @Test
    void aReplicaOfAVerifiedEmbedTask_isAssignedAsEmbedToo_andTheAcceptedResultIsServed() throws InterruptedException {
        var job = submit(net, ALICE, new org.gridmint.core.spec.JobSpecDraft("verified", "embed", null, null, null, null, null, null, null, null, 2,
                null, null, null, null, new org.gridmint.core.spec.JobSpecDraft.VerifyDraft("replicas", 2, 2, null, null), null, MODEL, "corpus.txt",
                10, null, null), List.of(net.blob("corpus.txt", CORPUS)));
        String first = net.embedProvider("first", 1, MODEL);
        // The second registers once the first holds the task: with both up, the plan may give the first result to either.
        Assignment a = net.claim(first, 1).getFirst();
        AccountId otherOwner = AccountId.of("acct-other-owner");
        String second = net.coordinator.providers().register(otherOwner, new org.gridmint.api.RegisterProviderRequest(null, "second", 4, 8192,
                List.of(), "local", new java.math.BigDecimal("0.1"), 1, true, "test", null,
                List.of(new org.gridmint.api.ModelOffer(MODEL, "cpu", 384, null)))).id();
        completeWithVectors(net, TestNetwork.OWNER, first, a);
        List<Assignment> replica = net.coordinator.work().claim(otherOwner, second, new ClaimRequest(1, 0));

        assertThat(replica).singleElement().satisfies(r -> {
            assertThat(r.runtime()).isEqualTo("embed");
            assertThat(r.model()).isEqualTo(MODEL);
            assertThat(r.files()).isEqualTo(a.files());
        });
        completeWithVectors(net, otherOwner, second, replica.getFirst());
        assertThat(net.coordinator.jobs().get(ALICE, job.id()).state()).isEqualTo("SUCCEEDED");
        assertThat(Vectors.fromNpy(embeddings(net, ALICE, job.id(), "npy"))).hasNumberOfRows(5);
    }
}
