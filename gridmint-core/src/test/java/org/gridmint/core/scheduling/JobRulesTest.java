package org.gridmint.core.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.gridmint.core.lifecycle.JobState;
import org.gridmint.core.lifecycle.TaskState;
import org.junit.jupiter.api.Test;

class JobRulesTest {

    @Test
    void next_whenAllTasksPending_staysPending() {
        assertThat(JobRules.next(JobState.PENDING, Map.of(TaskState.PENDING, 3), 3)).isEmpty();
    }

    @Test
    void next_onFirstAssignment_startsJob() {
        assertThat(JobRules.next(JobState.PENDING, Map.of(TaskState.PENDING, 2, TaskState.ASSIGNED, 1), 3)).contains(JobState.RUNNING);
    }

    @Test
    void next_whileSomeTasksRun_staysRunning() {
        assertThat(JobRules.next(JobState.RUNNING, Map.of(TaskState.SUCCEEDED, 2, TaskState.RUNNING, 1), 3)).isEmpty();
    }

    @Test
    void next_whenAllTasksSucceeded_succeedsJob() {
        assertThat(JobRules.next(JobState.RUNNING, Map.of(TaskState.SUCCEEDED, 3), 3)).contains(JobState.SUCCEEDED);
    }

    @Test
    void next_whenAllSucceededBeforeJobWasSeenRunning_succeedsJobFromPending() {
        assertThat(JobRules.next(JobState.PENDING, Map.of(TaskState.SUCCEEDED, 1), 1)).contains(JobState.SUCCEEDED);
    }

    @Test
    void next_onFirstFailedTask_failsJob() {
        assertThat(JobRules.next(JobState.RUNNING, Map.of(TaskState.FAILED, 1, TaskState.RUNNING, 4), 5)).contains(JobState.FAILED);
        assertThat(JobRules.next(JobState.PENDING, Map.of(TaskState.FAILED, 1), 1)).contains(JobState.FAILED);
    }

    @Test
    void next_whenJobFinal_neverMoves() {
        assertThat(JobRules.next(JobState.CANCELLED, Map.of(TaskState.FAILED, 1), 1)).isEmpty();
        assertThat(JobRules.next(JobState.SUCCEEDED, Map.of(TaskState.FAILED, 1), 1)).isEmpty();
        assertThat(JobRules.next(JobState.FAILED, Map.of(TaskState.SUCCEEDED, 1), 1)).isEmpty();
    }
}
