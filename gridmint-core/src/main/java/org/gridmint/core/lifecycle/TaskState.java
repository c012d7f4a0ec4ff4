package org.gridmint.core.lifecycle;

/**
 * The states of a task. SUCCEEDED, FAILED and CANCELLED are final: FAILED and CANCELLED for good, SUCCEEDED unless a
 * full check reopens it to re-verify an accepted result whose provider was caught cheating.
 */
public enum TaskState {
    PENDING, ASSIGNED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** A provider holds an attempt of the task. */
    public boolean isActive() {
        return this == ASSIGNED || this == RUNNING;
    }
}
