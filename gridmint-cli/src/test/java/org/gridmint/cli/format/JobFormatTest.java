package org.gridmint.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.client.fake.Fixtures.attempt;
import static org.gridmint.client.fake.Fixtures.job;
import static org.gridmint.client.fake.Fixtures.task;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.gridmint.api.AttemptView;
import org.gridmint.api.TaskView;
import org.gridmint.api.JobView;
import org.gridmint.client.fake.Fixtures;
import org.junit.jupiter.api.Test;

class JobFormatTest {
    @Test
    void exitCode_isZeroOneTwoForSucceededFailedCancelled() {
        assertThat(JobFormat.exitCode("SUCCEEDED")).isZero();
        assertThat(JobFormat.exitCode("FAILED")).isEqualTo(1);
        assertThat(JobFormat.exitCode("CANCELLED")).isEqualTo(2);
    }

    @Test
    void counts_followTheLifecycleOrder_withUnknownStatesLast() {
        JobView j = job("job-1", "RUNNING", task(0, "SUCCEEDED"), task(1, "PAUSED"), task(2, "PENDING"), task(3, "RUNNING"));

        assertThat(JobFormat.counts(j).keySet()).containsExactly("PENDING", "RUNNING", "SUCCEEDED", "PAUSED");
        assertThat(JobFormat.done(j)).isEqualTo(1);
    }

    @Test
    void counts_fallBackToTheTasks_whenTheJobHasNoCounts() {
        JobView j = Fixtures.uniform("job-1", "RUNNING", 3, "RUNNING");
        JobView noCounts = new JobView(j.id(), j.name(), j.owner(), j.state(), j.taskCount(), null, j.createdAt(), j.updatedAt(), null, null,
                j.retries(), j.timeoutMillis(), j.maxPrice(), j.tasks(), null);

        assertThat(JobFormat.counts(noCounts)).isEqualTo(Map.of("RUNNING", 3));
    }

    @Test
    void status_ofAnEmbedJob_namesItsModelInputItemsAndShard_andAnExecJobHasNoSuchLine() {
        JobView exec = Fixtures.uniform("job-1", "RUNNING", 3, "RUNNING");
        JobView embed = exec.withEmbed(new org.gridmint.api.EmbedJobView("all-minilm-l6-v2-q", "corpus.txt", 1000, 256));

        assertThat(JobFormat.status(embed)).contains("all-minilm-l6-v2-q over corpus.txt: 1000 items, 256 per task");
        assertThat(JobFormat.status(exec)).doesNotContain("per task");
    }

    @Test
    void failureLine_namesTaskAttemptProviderOutcomeAndReason() {
        AttemptView a = attempt(1, "prov-x", "LOST", "PROVIDER_LOST");

        assertThat(JobFormat.failureLine(task(7, "PENDING", a), a))
                .isEqualTo("task 7 attempt 1 on prov-x: LOST (PROVIDER_LOST: the provider stopped heartbeating and its lease expired)");
    }

    @Test
    void failureLine_addsTheFirstLineOfTheMessage_cutShort() {
        AttemptView a = attempt(2, "prov-x", "FAILED", "EXIT_NONZERO");
        AttemptView withMessage = new AttemptView(a.id(), a.number(), a.providerId(), a.state(), a.reason(), a.reasonText(),
                "Traceback: " + "z".repeat(300) + "\nsecond line", a.exitCode(), a.assignedAt(), a.startedAt(), a.endedAt(), null, null);

        String line = JobFormat.failureLine(task(0, "PENDING"), withMessage);

        assertThat(line).contains("exit code 3) - Traceback: zzz").endsWith("...").doesNotContain("second line");
    }

    @Test
    void newFailures_reportsEachEndedAttemptOnce_butNotCancellations() {
        JobView j = job("job-1", "RUNNING",
                task(0, "RUNNING", attempt(1, "prov-a", "LOST", "PROVIDER_LOST"), attempt(2, "prov-b", "RUNNING", null)),
                task(1, "CANCELLED", attempt(1, "prov-c", "CANCELLED", "CANCELLED")));
        Set<String> seen = new HashSet<>();

        assertThat(JobFormat.newFailures(j, seen)).hasSize(1).first().asString().startsWith("task 0 attempt 1 on prov-a");
        assertThat(JobFormat.newFailures(j, seen)).isEmpty();
    }

    @Test
    void newFailures_skipsAnAttemptThatABackupBeat() {
        AttemptView beaten = Fixtures.attempt(1, "prov-slow", "CANCELLED", "SUPERSEDED");
        JobView j = job("job-1", "SUCCEEDED", task(0, "SUCCEEDED", beaten, Fixtures.attempt(2, "prov-fast", "SUCCEEDED", null)));

        assertThat(JobFormat.newFailures(j, new HashSet<>())).isEmpty();
    }

    @Test
    void status_showsWhichAttemptWasABackupAndThatItWon() {
        AttemptView beaten = Fixtures.attempt(1, "prov-slow", "CANCELLED", "SUPERSEDED");
        AttemptView b = Fixtures.attempt(2, "prov-fast", "SUCCEEDED", null);
        AttemptView backup = new AttemptView(b.id(), b.number(), b.providerId(), b.state(), b.reason(), b.reasonText(), b.message(), b.exitCode(),
                b.assignedAt(), b.startedAt(), b.endedAt(), b.progress(), null, beaten.id());

        String s = JobFormat.status(Fixtures.job("job-1", "SUCCEEDED", Fixtures.task(0, "SUCCEEDED", beaten, backup)));

        assertThat(s).contains("backup of " + beaten.id() + ", won").contains("SUPERSEDED: another attempt of the task finished first");
    }

    @Test
    void summary_ofAFailedJob_saysWhyAndWhereToLook() {
        assertThat(JobFormat.summary(Fixtures.uniform("job-1", "FAILED", 1, "FAILED")))
                .isEqualTo("job-1 FAILED in 1m00s: task 0 failed 3 times (see `gridmint job status job-1`)");
    }

    @Test
    void status_listsLimitsAndFailure() {
        String s = JobFormat.status(Fixtures.uniform("job-1", "FAILED", 1, "FAILED"));

        assertThat(s).contains("limits    max price 0.5/h, 3 retries, timeout 1h").contains("failure   task 0 failed 3 times")
                .contains("finished  2026-11-03 12:01:00 UTC, after 1m00s");
    }

    @Test
    void status_showsWhichAttemptResumedFromWhichCheckpoint_andEachTasksLatestCheckpoint() {
        AttemptView lost = Fixtures.attempt(1, "prov-a", "LOST", "PROVIDER_LOST");
        AttemptView r = Fixtures.attempt(2, "prov-b", "RUNNING", null);
        AttemptView resumed = new AttemptView(r.id(), r.number(), r.providerId(), r.state(), r.reason(), r.reasonText(), r.message(), r.exitCode(),
                r.assignedAt(), r.startedAt(), r.endedAt(), r.progress(), lost.id());
        TaskView t = Fixtures.task(0, "RUNNING", lost, resumed);
        TaskView withCheckpoint = new TaskView(t.index(), t.state(), t.failures(), t.lastReason(), t.attempts(), t.outputs(),
                new org.gridmint.api.CheckpointView(lost.id(), new org.gridmint.api.BlobRef("checkpoint.zip", "a".repeat(64), 120), 4_000,
                        Fixtures.T0.plusSeconds(14)));

        String s = JobFormat.status(Fixtures.job("job-1", "RUNNING", withCheckpoint));

        assertThat(s).contains("resumed from " + lost.id() + "'s checkpoint")
                .contains("task 0: by " + lost.id() + " at 2026-11-03 12:00:14 UTC, 4s into its run (120 bytes)");
    }
}
