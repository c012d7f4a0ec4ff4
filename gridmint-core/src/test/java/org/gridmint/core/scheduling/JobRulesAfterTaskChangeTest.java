package org.gridmint.core.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.gridmint.core.lifecycle.JobState;
import org.gridmint.core.lifecycle.Lifecycles;
import org.gridmint.core.lifecycle.TaskState;
import org.junit.jupiter.api.Test;

/**
 * {@link JobRules#afterTaskChange} decides from one event what {@link JobRules#next} decides from all counts. Checked
 * exhaustively for jobs of up to four tasks: every distribution of task states whose job state is settled, every
 * legal move of one task, every job state.
 */
class JobRulesAfterTaskChangeTest {
    private static final TaskState[] STATES = TaskState.values();

    @Test
    void afterTaskChange_agreesWithNext_forEveryLegalMoveFromASettledJob() {
        int checked = 0;
        for (int n = 1; n <= 4; n++) {
            int combos = (int) Math.pow(STATES.length, n);
            for (int c = 0; c < combos; c++) {
                TaskState[] tasks = decode(c, n);
                for (JobState job : JobState.values()) {
                    if (JobRules.next(job, counts(tasks), n).isPresent()) continue; // not settled: unreachable as a "before"
                    for (int i = 0; i < n; i++) {
                        for (var event : Lifecycles.TaskEvent.values()) {
                            var to = Lifecycles.TASK.target(tasks[i], event);
                            if (to.isEmpty()) continue;
                            TaskState[] after = tasks.clone();
                            after[i] = to.get();
                            var expected = JobRules.next(job, counts(after), n);
                            boolean unsucceeded = java.util.Arrays.stream(after).anyMatch(s -> s != TaskState.SUCCEEDED);
                            if (to.get() == TaskState.CANCELLED) continue; // cancelling is the job's own move, not a task's
                            assertThat(JobRules.afterTaskChange(job, to.get(), unsucceeded))
                                    .as("job %s, tasks %s, task %d %s -> %s", job, java.util.Arrays.toString(tasks), i, tasks[i], to.get())
                                    .isEqualTo(expected);
                            checked++;
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void afterTaskChange_neverMovesAFinalJob() {
        for (JobState job : JobState.values()) {
            if (!job.isFinal()) continue;
            for (TaskState t : STATES) assertThat(JobRules.afterTaskChange(job, t, false)).isEmpty();
        }
    }

    private static TaskState[] decode(int c, int n) {
        TaskState[] t = new TaskState[n];
        for (int i = 0; i < n; i++) {
            t[i] = STATES[c % STATES.length];
            c /= STATES.length;
        }
        return t;
    }

    private static Map<TaskState, Integer> counts(TaskState[] tasks) {
        Map<TaskState, Integer> m = new EnumMap<>(TaskState.class);
        for (TaskState t : tasks) m.merge(t, 1, Integer::sum);
        return m;
    }
}
