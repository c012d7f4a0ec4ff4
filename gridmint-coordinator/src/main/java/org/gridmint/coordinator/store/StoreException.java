package org.gridmint.coordinator.store;

/** The store failed (connection lost, disk full, constraint broken); the transaction was rolled back. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
