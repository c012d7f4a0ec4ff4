package org.gridmint.api;

import java.time.Instant;

/**
 * One attempt of a task: who ran it, when, and how it ended.
 *
 * @param reason the typed reason (e.g. PROVIDER_LOST) when it ended other than by succeeding
 * @param reasonText the reason in words
 * @param resumedFrom the attempt whose checkpoint this one started from; null when it started afresh
 * @param backupOf the attempt this one was started to race, as a backup of a straggler; null when it is no backup
 */
public record AttemptView(
        String id,
        int number,
        String providerId,
        String state,
        String reason,
        String reasonText,
        String message,
        Integer exitCode,
        Instant assignedAt,
        Instant startedAt,
        Instant endedAt,
        String progress,
        String resumedFrom,
        String backupOf) {

    /** An attempt that is no backup. */
    public AttemptView(String id, int number, String providerId, String state, String reason, String reasonText, String message, Integer exitCode,
                       Instant assignedAt, Instant startedAt, Instant endedAt, String progress, String resumedFrom) {
        this(id, number, providerId, state, reason, reasonText, message, exitCode, assignedAt, startedAt, endedAt, progress, resumedFrom, null);
    }
}
