package org.gridmint.core.lifecycle;

/** The three transition tables of Gridmint: jobs, tasks and attempts. */
public final class Lifecycles {
    private Lifecycles() {}

    /** What can happen to a job. */
    public enum JobEvent { STARTED, ALL_TASKS_SUCCEEDED, TASK_FAILED, CANCELLED }

    /** What can happen to a task. */
    public enum TaskEvent {
        ASSIGNED, STARTED, SUCCEEDED, REQUEUED, FAILED, CANCELLED,
        /** A backup attempt joined the running one (speculative execution). */
        BACKED_UP,
        /** One of two live attempts ended without success; the task runs on with the other. */
        DROPPED,
        /**
         * An attempt reported a result that verification needs more results to judge, and no other attempt of the task
         * lives: the task waits for a replica (ASSIGNED|RUNNING -> PENDING).
         */
        REPORTED,
        /**
         * As {@link #REPORTED}, but another attempt of the task still runs, so the task runs on with it
         * (RUNNING -> RUNNING). A separate event because a table row has one target.
         */
        REPORTED_RUNNING_ON,
        /** A full check re-verifies an accepted result (its provider was caught cheating): the task waits for a replica. */
        REOPENED
    }

    /** What can happen to an attempt. */
    public enum AttemptEvent {
        STARTED, SUCCEEDED, FAILED, LOST, CANCELLED,
        /** Another attempt of the same task succeeded first. */
        SUPERSEDED,
        /** Its result lost a verification verdict. */
        REJECTED
    }

    public static final TransitionTable<JobState, JobEvent> JOB = TransitionTable.<JobState, JobEvent>builder("job", JobState.class)
            .on(JobEvent.STARTED, JobState.RUNNING, JobState.PENDING)
            .on(JobEvent.ALL_TASKS_SUCCEEDED, JobState.SUCCEEDED, JobState.RUNNING)
            .on(JobEvent.TASK_FAILED, JobState.FAILED, JobState.PENDING, JobState.RUNNING)
            .on(JobEvent.CANCELLED, JobState.CANCELLED, JobState.PENDING, JobState.RUNNING)
            .build();

    public static final TransitionTable<TaskState, TaskEvent> TASK = TransitionTable.<TaskState, TaskEvent>builder("task", TaskState.class)
            .on(TaskEvent.ASSIGNED, TaskState.ASSIGNED, TaskState.PENDING)
            .on(TaskEvent.STARTED, TaskState.RUNNING, TaskState.ASSIGNED)
            // A fast task may finish before its first heartbeat: ASSIGNED may succeed directly.
            .on(TaskEvent.SUCCEEDED, TaskState.SUCCEEDED, TaskState.ASSIGNED, TaskState.RUNNING)
            .on(TaskEvent.REQUEUED, TaskState.PENDING, TaskState.ASSIGNED, TaskState.RUNNING)
            .on(TaskEvent.FAILED, TaskState.FAILED, TaskState.ASSIGNED, TaskState.RUNNING)
            .on(TaskEvent.CANCELLED, TaskState.CANCELLED, TaskState.PENDING, TaskState.ASSIGNED, TaskState.RUNNING)
            // Only a task that runs gets a backup: before its first heartbeat nothing says it is slow.
            .on(TaskEvent.BACKED_UP, TaskState.RUNNING, TaskState.RUNNING)
            .on(TaskEvent.DROPPED, TaskState.RUNNING, TaskState.RUNNING)
            // Verification: a result that needs company sends the task back to the queue for a replica, unless a
            // backup already runs (that backup is the replica then).
            .on(TaskEvent.REPORTED, TaskState.PENDING, TaskState.ASSIGNED, TaskState.RUNNING)
            .on(TaskEvent.REPORTED_RUNNING_ON, TaskState.RUNNING, TaskState.RUNNING)
            // Only an accepted task is re-verified; a FAILED or CANCELLED one has no result to doubt.
            .on(TaskEvent.REOPENED, TaskState.PENDING, TaskState.SUCCEEDED)
            .build();

    public static final TransitionTable<AttemptState, AttemptEvent> ATTEMPT = TransitionTable.<AttemptState, AttemptEvent>builder("attempt", AttemptState.class)
            .on(AttemptEvent.STARTED, AttemptState.RUNNING, AttemptState.ASSIGNED)
            .on(AttemptEvent.SUCCEEDED, AttemptState.SUCCEEDED, AttemptState.ASSIGNED, AttemptState.RUNNING)
            .on(AttemptEvent.FAILED, AttemptState.FAILED, AttemptState.ASSIGNED, AttemptState.RUNNING)
            .on(AttemptEvent.LOST, AttemptState.LOST, AttemptState.ASSIGNED, AttemptState.RUNNING)
            .on(AttemptEvent.CANCELLED, AttemptState.CANCELLED, AttemptState.ASSIGNED, AttemptState.RUNNING)
            .on(AttemptEvent.SUPERSEDED, AttemptState.CANCELLED, AttemptState.ASSIGNED, AttemptState.RUNNING)
            // Only a reported result can lose a verdict; the run itself is over either way.
            .on(AttemptEvent.REJECTED, AttemptState.REJECTED, AttemptState.SUCCEEDED)
            .build();
}
