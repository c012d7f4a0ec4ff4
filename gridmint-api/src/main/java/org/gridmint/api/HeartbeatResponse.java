package org.gridmint.api;

import java.time.Instant;

/**
 * The coordinator's answer to a heartbeat.
 *
 * @param cancel true when the provider must stop the attempt now (the job was cancelled)
 * @param drain true when the provider's owner asked it to drain: checkpoint its attempts, hand them back
 *     (PROVIDER_DRAINED) and stop; its claims are refused meanwhile (409, state DRAINING). Null (left out of the JSON)
 *     otherwise, so that an agent from before drains, which refuses unknown fields, still reads every other answer
 */
public record HeartbeatResponse(String attemptState, boolean cancel, Instant leaseExpiresAt, Boolean drain) {
    /** Whether the answer asks the provider to drain. */
    public boolean drainRequested() {
        return Boolean.TRUE.equals(drain);
    }
}
