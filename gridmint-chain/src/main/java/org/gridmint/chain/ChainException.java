package org.gridmint.chain;

/**
 * A call to the chain failed: a transaction reverted (then {@link #revertReason()} holds the contract's reason), the node
 * could not be reached or answered an error, or a receipt did not come in time. {@link #retryable()} says whether trying
 * again later may succeed (an unreachable node or a timeout) or not (a revert, a malformed answer).
 */
public class ChainException extends RuntimeException {
    private final boolean retryable;
    private final String revertReason;

    public ChainException(String message, boolean retryable, String revertReason, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.revertReason = revertReason;
    }

    /** A transaction or call the contract refused, with its reason. */
    public static ChainException reverted(String what, String reason) {
        return new ChainException(what + " reverted: " + (reason == null ? "(no reason given)" : reason), false, reason == null ? "" : reason, null);
    }

    /** The node could not be reached or did not answer in time: worth retrying. */
    public static ChainException unavailable(String message, Throwable cause) {
        return new ChainException(message, true, null, cause);
    }

    /** An error that retrying will not fix (bad answer, node error). */
    public static ChainException failed(String message, Throwable cause) {
        return new ChainException(message, false, null, cause);
    }

    public boolean retryable() {
        return retryable;
    }

    /** The contract's revert reason ("" when it gave none), or null when this is not a revert. */
    public String revertReason() {
        return revertReason;
    }
}
