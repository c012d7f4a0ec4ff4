package org.gridmint.core.lifecycle;

/** The states of one attempt to run a task on one provider. All but ASSIGNED and RUNNING are final. */
public enum AttemptState {
    ASSIGNED, RUNNING, SUCCEEDED, FAILED, LOST, CANCELLED;

    public boolean isFinal() {
        return this != ASSIGNED && this != RUNNING;
    }
}
