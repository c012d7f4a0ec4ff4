package org.gridmint.core.scheduling;

import java.util.Map;
import java.util.Optional;
import org.gridmint.core.lifecycle.JobState;
import org.gridmint.core.lifecycle.Lifecycles;
import org.gridmint.core.lifecycle.Lifecycles.JobEvent;
import org.gridmint.core.lifecycle.TaskState;

/** How a job's state follows from its tasks' states. */
public final class JobRules {
    private JobRules() {}

    /**
     * The job's next state given how many of its tasks are in each state, or empty when it stays.
     * A job starts with its first assignment, fails with its first failed task, and succeeds when all succeed.
     */
    public static Optional<JobState> next(JobState job, Map<TaskState, Integer> counts, int taskCount) {
        if (job.isFinal()) return Optional.empty();
        int failed = counts.getOrDefault(TaskState.FAILED, 0);
        int succeeded = counts.getOrDefault(TaskState.SUCCEEDED, 0);
        int pending = counts.getOrDefault(TaskState.PENDING, 0);
        if (failed > 0) return Optional.of(Lifecycles.JOB.apply(job, JobEvent.TASK_FAILED).orThrow());
        JobState j = job;
        if (j == JobState.PENDING && pending < taskCount) j = Lifecycles.JOB.apply(j, JobEvent.STARTED).orThrow();
        if (succeeded == taskCount) j = Lifecycles.JOB.apply(j, JobEvent.ALL_TASKS_SUCCEEDED).orThrow();
        return j == job ? Optional.empty() : Optional.of(j);
    }

    /**
     * The job's next state after one of its tasks moved to {@code task}, without counting every task: the same
     * answer as {@link #next} gives, from what one event tells. A job starts with its first assignment, fails
     * with its first failed task, and succeeds when a task succeeds and none is left that has not.
     *
     * @param unsucceededRemain whether, after the move, some task of the job is in a state other than SUCCEEDED
     */
    public static Optional<JobState> afterTaskChange(JobState job, TaskState task, boolean unsucceededRemain) {
        if (job.isFinal()) return Optional.empty();
        JobState j = job;
        switch (task) {
            case FAILED -> j = Lifecycles.JOB.apply(j, JobEvent.TASK_FAILED).orThrow();
            case ASSIGNED, RUNNING -> {
                if (j == JobState.PENDING) j = Lifecycles.JOB.apply(j, JobEvent.STARTED).orThrow();
            }
            case SUCCEEDED -> {
                if (j == JobState.PENDING) j = Lifecycles.JOB.apply(j, JobEvent.STARTED).orThrow();
                if (!unsucceededRemain) j = Lifecycles.JOB.apply(j, JobEvent.ALL_TASKS_SUCCEEDED).orThrow();
            }
            case PENDING, CANCELLED -> {
                // A requeue changes nothing for the job; cancellation is the job's own doing.
            }
        }
        return j == job ? Optional.empty() : Optional.of(j);
    }
}
