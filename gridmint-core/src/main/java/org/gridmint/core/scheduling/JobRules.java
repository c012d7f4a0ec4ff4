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
}
