package org.gridmint.core.lifecycle;

/** The states of a job. SUCCEEDED, FAILED and CANCELLED are final. */
public enum JobState {
    PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
