package org.gridmint.embed;

/** A model that cannot be loaded or run; the message says which and why. */
public final class EmbedException extends RuntimeException {
    public EmbedException(String message) {
        super(message);
    }

    public EmbedException(String message, Throwable cause) {
        super(message, cause);
    }
}
