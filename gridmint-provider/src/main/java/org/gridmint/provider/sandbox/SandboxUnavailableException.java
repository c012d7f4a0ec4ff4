package org.gridmint.provider.sandbox;

/** The agent cannot confine tasks here and its operator did not allow it to run them unconfined; not retryable. */
public final class SandboxUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public SandboxUnavailableException(String message) {
        super(message);
    }
}
