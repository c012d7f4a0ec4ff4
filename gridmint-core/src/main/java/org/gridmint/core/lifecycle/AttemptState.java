package org.gridmint.core.lifecycle;

/**
 * The states of one attempt to run a task on one provider. All but ASSIGNED and RUNNING are final. SUCCEEDED is final
 * for the attempt's run but not for its result: a verdict may still turn it into REJECTED.
 */
public enum AttemptState {
    ASSIGNED, RUNNING, SUCCEEDED, FAILED, LOST, CANCELLED,
    /** It ran to the end and reported a result, and that result lost a verification verdict: it is never paid. */
    REJECTED;

    public boolean isFinal() {
        return this != ASSIGNED && this != RUNNING;
    }
}
