package org.gridmint.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.coordinator.store.StoreFixtures.T0;
import static org.gridmint.coordinator.store.StoreFixtures.at;
import static org.gridmint.coordinator.store.StoreFixtures.blob;
import static org.gridmint.coordinator.store.StoreFixtures.job;
import static org.gridmint.coordinator.store.StoreFixtures.task;

import java.util.List;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.lifecycle.TaskState;
import org.gridmint.core.scheduling.TaskRecord;
import org.gridmint.core.spec.VerifySpec;
import org.gridmint.core.verify.Partner;
import org.gridmint.core.verify.TaskVerification;
import org.gridmint.core.verify.Trust;
import org.junit.jupiter.api.Test;

/** The store contract for verification (issue 5): reported results, their statuses, verdicts with evidence. */
interface VerifyStoreContract extends StoreHarness {

    static TaskResult result(String attempt, TaskId task, int ordinal, String provider, String owner, String output) {
        return new TaskResult(AttemptId.of(attempt), task, ordinal, ProviderId.of(provider), owner, List.of(blob(output)), "digest-" + output,
                1_500, at(ordinal), TaskResult.Status.OPEN);
    }

    @Test
    default void results_comeBackInReportOrder_perTaskAndPerJob() {
        insert(job("job-a"));
        TaskResult second = result("att-2", task("job-a", 0), 1, "prov-y", "acct-bob", "b.json");
        TaskResult first = result("att-1", task("job-a", 0), 0, "prov-x", "acct-alice", "a.json");
        TaskResult other = result("att-3", task("job-a", 1), 0, "prov-y", "acct-bob", "c.json");
        run(tx -> {
            tx.insertResult(other);
            tx.insertResult(second);
            tx.insertResult(first);
        });

        assertThat(tx((StoreTx tx) -> tx.results(task("job-a", 0)))).containsExactly(first, second);
        assertThat(tx((StoreTx tx) -> tx.results(JobId.of("job-a")))).containsExactly(first, second, other);
        assertThat(tx((StoreTx tx) -> tx.results(task("job-a", 2)))).isEmpty();
    }

    @Test
    default void insertResult_twiceForOneOrdinal_isRefused() {
        insert(job("job-a"));
        run(tx -> tx.insertResult(result("att-1", task("job-a", 0), 0, "prov-x", "acct-alice", "a.json")));

        assertThatThrownBy(() -> run(tx -> tx.insertResult(result("att-2", task("job-a", 0), 0, "prov-y", "acct-bob", "b.json"))))
                .isInstanceOf(StoreException.class);
        assertThat(tx((StoreTx tx) -> tx.results(task("job-a", 0)))).hasSize(1);
    }

    @Test
    default void updateResultStatus_movesOneResult_andAnUnknownOneThrows() {
        insert(job("job-a"));
        TaskResult r = result("att-1", task("job-a", 0), 0, "prov-x", "acct-alice", "a.json");
        run(tx -> tx.insertResult(r));

        run(tx -> tx.updateResultStatus(r.attempt(), TaskResult.Status.REJECTED));

        assertThat(tx((StoreTx tx) -> tx.results(r.task()))).containsExactly(r.withStatus(TaskResult.Status.REJECTED));
        assertThatThrownBy(() -> run(tx -> tx.updateResultStatus(AttemptId.of("att-none"), TaskResult.Status.ACCEPTED)))
                .isInstanceOf(StoreException.class).hasMessageContaining("att-none");
    }

    @Test
    default void pendingResults_areThoseOfPendingTasksOnly() {
        JobRecord job = insert(job("job-a"));
        TaskRecord waiting = taskOf(job, 1);
        TaskRecord running = StoreFixtures.withState(StoreFixtures.assigned(waiting, at(5)), TaskState.RUNNING);
        run(tx -> {
            tx.insertResult(result("att-1", task("job-a", 0), 0, "prov-x", "acct-alice", "a.json"));
            tx.insertResult(result("att-2", task("job-a", 1), 0, "prov-y", "acct-bob", "b.json"));
            tx.updateTask(waiting, running);
        });

        var pending = tx((StoreTx tx) -> tx.pendingResults(job.id()));

        assertThat(pending).containsOnlyKeys(0);
        assertThat(pending.get(0)).extracting(TaskResult::attempt).containsExactly(AttemptId.of("att-1"));
    }

    @Test
    default void verdicts_keepTheirEvidence_byTaskThenTime() {
        insert(job("job-a"));
        var entry = new VerdictRecord.Entry("att-1", "prov-x", "acct-alice", "d1", true, false, "agrees with att-2", 0, 0, 0);
        var loser = new VerdictRecord.Entry("att-3", "prov-z", "acct-carol", "d3", false, true, "max |a-b| 0.5 > 1e-05", 0, 2_000_000, 2_000_000);
        var late = new VerdictRecord("vrd-2", task("job-a", 0), VerdictRecord.Outcome.NO_QUORUM, "replicas 2, quorum 2", "no quorum", null,
                List.of(entry), at(9));
        var early = new VerdictRecord("vrd-1", task("job-a", 0), VerdictRecord.Outcome.ACCEPTED, "replicas 3, quorum 2", "2 of 3 agree",
                AttemptId.of("att-1"), List.of(entry, loser), at(3));
        var otherTask = new VerdictRecord("vrd-0", task("job-a", 1), VerdictRecord.Outcome.ACCEPTED, "adaptive", "accepted alone",
                AttemptId.of("att-9"), List.of(), T0);
        run(tx -> {
            tx.insertVerdict(otherTask);
            tx.insertVerdict(late);
            tx.insertVerdict(early);
        });

        assertThat(tx((StoreTx tx) -> tx.verdicts(JobId.of("job-a")))).containsExactly(early, late, otherTask);
        assertThat(tx((StoreTx tx) -> tx.allVerdicts())).containsExactly(early, late, otherTask);
        assertThat(tx((StoreTx tx) -> tx.verdicts(JobId.of("job-none")))).isEmpty();
    }

    @Test
    default void deleteOutputs_forgetsOneTasksAcceptedOutputs() {
        insert(job("job-a"));
        run(tx -> {
            tx.insertOutputs(task("job-a", 0), List.of(blob("a.json")));
            tx.insertOutputs(task("job-a", 1), List.of(blob("b.json")));
        });

        run(tx -> tx.deleteOutputs(task("job-a", 0)));

        assertThat(tx((StoreTx tx) -> tx.outputs(task("job-a", 0)))).isEmpty();
        assertThat(tx((StoreTx tx) -> tx.outputs(task("job-a", 1)))).containsExactly(blob("b.json"));
    }

    @Test
    default void verification_isEmptyBeforeAPlan_thenTheLatestPlan() {
        insert(job("job-a"));
        var first = new TaskVerification(2, 2, Partner.ANY, 0, "replicated: the provider is not yet trusted");
        var tieBreak = new TaskVerification(2, 3, Partner.TRUSTED, 1, "tie-breaker 1 of 2");
        assertThat(tx((StoreTx tx) -> tx.verification(task("job-a", 0)))).isEmpty();

        run(tx -> tx.saveVerification(task("job-a", 0), first, at(1)));
        assertThat(tx((StoreTx tx) -> tx.verification(task("job-a", 0)))).contains(first);
        run(tx -> tx.saveVerification(task("job-a", 0), tieBreak, at(2)));

        assertThat(tx((StoreTx tx) -> tx.verification(task("job-a", 0)))).contains(tieBreak);
        assertThat(tx((StoreTx tx) -> tx.verification(task("job-a", 1)))).isEmpty();
    }

    @Test
    default void trust_isNoneWithoutARecord_andSavedRecordsReplaceEachOther() {
        ProviderId x = ProviderId.of("prov-x");
        ProviderId y = ProviderId.of("prov-y");
        assertThat(tx((StoreTx tx) -> tx.trust(x))).isEqualTo(Trust.NONE);

        run(tx -> {
            tx.saveTrust(x, new Trust(3, 3, 0), at(1));
            tx.saveTrust(y, new Trust(12, 40, 1), at(1));
        });
        run(tx -> tx.saveTrust(x, new Trust(0, 3, 1), at(2)));

        assertThat(tx((StoreTx tx) -> tx.trust(x))).isEqualTo(new Trust(0, 3, 1));
        assertThat(tx((StoreTx tx) -> tx.trusts())).containsExactly(java.util.Map.entry(x, new Trust(0, 3, 1)), java.util.Map.entry(y, new Trust(12, 40, 1)));
    }

    @Test
    default void jobWithoutVerifyKey_isStoredAsAdaptive_andStaysSoAfterARestart() {
        JobRecord job = insert(StoreFixtures.jobAsGiven("job-a", "alice", T0, StoreFixtures.draft(2)));
        assertThat(job.draft().verify()).isNull();

        JobRecord read = reopen().inTransaction(tx -> tx.job(job.id()).orElseThrow());

        assertThat(read.spec().verify()).isEqualTo(VerifySpec.ADAPTIVE);
        assertThat(read.draft().verify().policy()).isEqualTo("adaptive");
    }

    @Test
    default void legacyStoredDraftWithoutVerify_readsAsVerifyNone() {
        JobRecord job = insert(job("job-old"));
        // As a coordinator from before verification wrote it: the draft's JSON has no verify key at all.
        String legacy = JsonColumns.write(job.draft().withVerify(null)).replace(",\"verify\":null", "").replace("\"verify\":null,", "");
        assertThat(legacy).doesNotContain("verify");
        ((JdbcStore) store()).withSql((Sql sql) -> sql.update("UPDATE jobs SET draft = ? WHERE id = ?", legacy, job.id()));

        JobRecord read = reopen().inTransaction(tx -> tx.job(job.id()).orElseThrow());

        assertThat(read.spec().verify()).isEqualTo(VerifySpec.NONE);
        assertThat(read.spec()).isEqualTo(job.spec().withVerify(VerifySpec.NONE));
    }
}
