package org.gridmint.core.market;

import org.gridmint.core.lifecycle.AttemptReason;

/** Whose doing an attempt's unsuccessful end was, so that reputation and quarantine count only what a provider caused. */
public enum Fault {
    /** The provider's machine, network or runtime failed the attempt. */
    PROVIDER,
    /** The job's own command failed; any provider would have failed it the same way. */
    JOB,
    /** Nobody's: a drain hands work back on purpose, a cancel is the client's choice, a superseded attempt merely lost a race, a
     * task without a quorum convicts no single provider. */
    NEITHER;

    /**
     * Whose fault {@code reason} is. Staging, upload and sandbox errors are the provider's: they happen on its
     * machine before or after the command, whose own failures (exit status, timeout, missing outputs) are the job's.
     * The switch has no default so that a new reason cannot be added without deciding whose it is.
     */
    public static Fault of(AttemptReason reason) {
        return switch (reason) {
            case PROVIDER_LOST, STAGING_FAILED, UPLOAD_FAILED, SANDBOX_ERROR, RUNTIME_ERROR -> PROVIDER;
            case EXIT_NONZERO, TIMEOUT, OUTPUT_MISSING -> JOB;
            case PROVIDER_DRAINED, CANCELLED, SUPERSEDED -> NEITHER;
            // A disagreement without a quorum convicts nobody: which side was wrong is unknown.
            case NO_QUORUM -> NEITHER;
        };
    }
}
