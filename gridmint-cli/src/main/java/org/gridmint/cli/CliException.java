package org.gridmint.cli;

/**
 * An expected failure with a message for the user, printed without a stack trace; {@link #exitCode()} is
 * the process's exit status.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public CliException(String message) {
        this(message, 1);
    }

    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
