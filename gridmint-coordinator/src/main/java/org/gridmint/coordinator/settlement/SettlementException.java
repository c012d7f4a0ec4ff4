package org.gridmint.coordinator.settlement;

/** The chain could not be reached or refused a transaction; {@code retryable} says whether trying again later may work. */
public final class SettlementException extends RuntimeException {
    private final boolean retryable;

    public SettlementException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
