package org.gridmint.core.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.gridmint.core.lifecycle.JobState;
import org.gridmint.core.lifecycle.Lifecycles;
import org.gridmint.core.lifecycle.TaskState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link JobRules#next} over every count of 0 to 4 tasks per task state (at least one task), for a job in any state.
 * There are few enough such inputs to check them all rather than a random sample.
 */
class JobRulesPropertiesTest {
    private static final int MAX_PER_STATE = 4;

    @ParameterizedTest
    @EnumSource(JobState.class)
    void next_keepsJobStateConsistentWithItsTasks(JobState job) {
        TaskState[] states = TaskState.values();
        int combinations = (int) Math.pow(MAX_PER_STATE + 1, states.length);
        for (int combination = 1; combination < combinations; combination++) { // 0 is the job without tasks
            Map<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
            int taskCount = 0;
            for (int i = 0, rest = combination; i < states.length; i++, rest /= MAX_PER_STATE + 1) {
                int n = rest % (MAX_PER_STATE + 1);
                if (n > 0) counts.put(states[i], n);
                taskCount += n;
            }
            try {
                check(job, counts, taskCount);
            } catch (AssertionError e) {
                throw new AssertionError("job " + job + " with tasks " + counts + ": " + e.getMessage(), e);
            }
        }
    }

    private static void check(JobState job, Map<TaskState, Integer> counts, int taskCount) {
        var next = JobRules.next(job, counts, taskCount);

        if (job.isFinal()) {
            assertThat(next).as("a final job never moves").isEmpty();
            return;
        }
        JobState result = next.orElse(job);
        next.ifPresent(to -> assertThat(to).isNotEqualTo(job));
        int failed = counts.getOrDefault(TaskState.FAILED, 0);
        int succeeded = counts.getOrDefault(TaskState.SUCCEEDED, 0);
        assertThat(result == JobState.FAILED).as("FAILED iff a task failed").isEqualTo(failed > 0);
        assertThat(result == JobState.SUCCEEDED).as("SUCCEEDED iff all succeeded").isEqualTo(succeeded == taskCount);
        assertThat(result).as("tasks never cancel a job").isNotEqualTo(JobState.CANCELLED);
        assertThat(result == JobState.PENDING).as("PENDING until a task leaves PENDING")
                .isEqualTo(job == JobState.PENDING && counts.getOrDefault(TaskState.PENDING, 0) == taskCount);
        assertThat(JobRules.next(result, counts, taskCount)).as("the result is a fixed point").isEmpty();
        if (next.isPresent() && result != JobState.SUCCEEDED)
            assertThat(Lifecycles.JOB.acceptedIn(job)).as("a single move is a table row")
                    .anyMatch(e -> Lifecycles.JOB.target(job, e).orElse(null) == result);
    }
}
