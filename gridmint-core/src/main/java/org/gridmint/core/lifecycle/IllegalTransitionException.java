package org.gridmint.core.lifecycle;

/** An event that the lifecycle's table does not allow in the current state. */
public final class IllegalTransitionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IllegalTransitionException(String message) {
        super(message);
    }
}
