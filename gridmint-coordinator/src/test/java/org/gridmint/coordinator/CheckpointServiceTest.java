package org.gridmint.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gridmint.api.Assignment;
import org.gridmint.api.BlobRef;
import org.gridmint.api.CheckpointRequest;
import org.gridmint.api.CheckpointView;
import org.gridmint.api.FailRequest;
import org.gridmint.api.JobView;
import org.gridmint.api.ProblemTypes;
import org.gridmint.api.TaskView;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.spec.FieldError;
import org.gridmint.core.spec.JobSpecDraft;
import org.junit.jupiter.api.Test;

class CheckpointServiceTest extends InProcessNetworkTest {
    private static final AccountId MALLORY = AccountId.of("acct-mallory");

    private static JobSpecDraft checkpointing(int tasks) {
        return new JobSpecDraft("ckpt-job", "exec", List.of("true"), tasks, null, null, null, null, null, null, 2, null, null,
                new JobSpecDraft.CheckpointDraft("30s")).withVerify(JobSpecDraft.VerifyDraft.ofPolicy("none"));
    }

    private TaskView task(String job, int index) {
        JobView v = net.coordinator.jobs().get("acct-alice", job);
        return v.tasks().get(index);
    }

    private CheckpointView report(String provider, Assignment a, BlobRef blob, long runtimeMillis) {
        return net.coordinator.work().checkpoint(TestNetwork.OWNER, a.attemptId(), new CheckpointRequest(provider, blob, runtimeMillis));
    }

    @Test
    void assignment_ofACheckpointingJob_carriesItsInterval_andNoCheckpointAtFirst() {
        net.submit("acct-alice", checkpointing(1));
        Assignment a = net.claim(net.provider("p", "0.1", 1), 1).getFirst();

        assertThat(a.checkpointIntervalMillis()).isEqualTo(30_000);
        assertThat(a.checkpoint()).isNull();
    }

    @Test
    void assignment_ofAJobWithoutCheckpoints_hasIntervalZero() {
        net.submit("acct-alice", TestNetwork.spec(1));
        assertThat(net.claim(net.provider("p", "0.1", 1), 1).getFirst().checkpointIntervalMillis()).isZero();
    }

    @Test
    void checkpoint_isStored_andShownOnTheTask() {
        String job = net.submit("acct-alice", checkpointing(1)).id();
        String p = net.provider("p", "0.1", 1);
        Assignment a = net.claim(p, 1).getFirst();
        BlobRef blob = net.blob("checkpoint.zip", "state 1");

        CheckpointView v = report(p, a, blob, 1_500);

        assertThat(v.attemptId()).isEqualTo(a.attemptId());
        assertThat(v.blob().sha256()).isEqualTo(blob.sha256());
        assertThat(v.blob().size()).isEqualTo(blob.size());
        assertThat(v.runtimeMillis()).isEqualTo(1_500);
        assertThat(v.at()).isEqualTo(net.clock.instant());
        assertThat(task(job, 0).checkpoint()).isEqualTo(v);
        boolean referenced = net.coordinator.store().inTransaction(tx -> tx.blobReferenced(blob.sha256()));
        assertThat(referenced).as("a checkpoint keeps its blob").isTrue();
    }

    @Test
    void checkpoint_newerOfTheSameAttempt_replacesTheStoredOne_olderIsIgnored() {
        String job = net.submit("acct-alice", checkpointing(1)).id();
        String p = net.provider("p", "0.1", 1);
        Assignment a = net.claim(p, 1).getFirst();
        BlobRef first = net.blob("checkpoint.zip", "state 1");
        BlobRef second = net.blob("checkpoint.zip", "state 2");
        report(p, a, first, 1_000);
        report(p, a, second, 2_000);

        CheckpointView late = report(p, a, first, 1_000);

        assertThat(late.blob().sha256()).as("the answer is what the task has").isEqualTo(second.sha256());
        assertThat(task(job, 0).checkpoint().blob().sha256()).isEqualTo(second.sha256());
        assertThat(task(job, 0).checkpoint().runtimeMillis()).isEqualTo(2_000);
    }

    @Test
    void checkpoint_onAnotherAccountsAttempt_isForbidden() {
        net.submit("acct-alice", checkpointing(1));
        String p = net.provider("p", "0.1", 1);
        Assignment a = net.claim(p, 1).getFirst();
        String mallorys = net.provider(MALLORY, "m", "0.2", 1); // dearer: the task goes to p

        assertThatThrownBy(() -> net.coordinator.work().checkpoint(MALLORY, a.attemptId(),
                new CheckpointRequest(mallorys, net.blob("checkpoint.zip", "x"), 1)))
                .isInstanceOfSatisfying(CoordinatorException.Forbidden.class, f -> assertThat(f.type()).isEqualTo(ProblemTypes.NOT_OWNER));
    }

    @Test
    void checkpoint_onAnAttemptThatEnded_isAConflict_andChangesNothing() {
        String job = net.submit("acct-alice", checkpointing(1)).id();
        String p = net.provider("p", "0.1", 1);
        Assignment a = net.claim(p, 1).getFirst();
        net.coordinator.work().fail(TestNetwork.OWNER, a.attemptId(), new FailRequest(p, "EXIT_NONZERO", "boom", 1, null, null, 10));

        assertThatThrownBy(() -> report(p, a, net.blob("checkpoint.zip", "x"), 1))
                .isInstanceOfSatisfying(CoordinatorException.Conflict.class, c -> assertThat(c.state()).isEqualTo("FAILED"));
        assertThat(task(job, 0).checkpoint()).isNull();
    }

    @Test
    void checkpoint_withABlobNeverUploaded_orNegativeRuntime_namesTheFields() {
        net.submit("acct-alice", checkpointing(1));
        String p = net.provider("p", "0.1", 1);
        Assignment a = net.claim(p, 1).getFirst();

        assertThatThrownBy(() -> report(p, a, new BlobRef("checkpoint.zip", "a".repeat(64), 3), -1))
                .isInstanceOfSatisfying(CoordinatorException.Invalid.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("checkpoint.sha256", "runtimeMillis"));
        assertThatThrownBy(() -> report(p, a, null, 1))
                .isInstanceOfSatisfying(CoordinatorException.Invalid.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("checkpoint"));
    }

    @Test
    void nextAttempt_carriesTheLatestCheckpoint_andRecordsWhichAttemptItResumedFrom() {
        String job = net.submit("acct-alice", checkpointing(1)).id();
        String p1 = net.provider("p1", "0.1", 1);
        Assignment first = net.claim(p1, 1).getFirst();
        BlobRef blob = net.blob("checkpoint.zip", "counter=7");
        report(p1, first, blob, 7_000);
        net.coordinator.work().fail(TestNetwork.OWNER, first.attemptId(), new FailRequest(p1, "PROVIDER_DRAINED", "draining", null, null, null, 7_100));

        // Cheaper, so that the market gives it the task (p1 handed it back, which does not keep p1 from getting it again).
        String p2 = net.provider("p2", "0.05", 1);
        Assignment second = net.claim(p2, 1).getFirst();

        assertThat(second.attemptNumber()).isEqualTo(2);
        assertThat(second.checkpoint()).isNotNull();
        assertThat(second.checkpoint().sha256()).isEqualTo(blob.sha256());
        assertThat(second.checkpoint().size()).isEqualTo(blob.size());
        TaskView t = task(job, 0);
        assertThat(t.attempts()).extracting(org.gridmint.api.AttemptView::resumedFrom).containsExactly(null, first.attemptId());
        assertThat(t.checkpoint().attemptId()).isEqualTo(first.attemptId());

        // The resumed attempt's own checkpoint replaces the old one even at a smaller runtime: it is a newer state.
        BlobRef next = net.blob("checkpoint.zip", "counter=9");
        report(p2, second, next, 500);
        assertThat(task(job, 0).checkpoint().attemptId()).isEqualTo(second.attemptId());
        net.complete(p2, second);
        assertThat(net.coordinator.jobs().get("acct-alice", job).state()).isEqualTo("SUCCEEDED");
    }
}
