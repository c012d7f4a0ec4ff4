package org.gridmint.api;

import java.time.Instant;

/**
 * The coordinator's answer to a heartbeat.
 *
 * @param cancel true when the provider must stop the attempt now (the job was cancelled)
 */
public record HeartbeatResponse(String attemptState, boolean cancel, Instant leaseExpiresAt) {}
