package org.gridmint.core.scheduling;

import java.time.Instant;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.core.money.Credits;

/**
 * One attempt to run a task on one provider, with the lease that its heartbeats extend.
 *
 * @param number 1 for the task's first attempt, then 2, 3, …
 * @param reason why it ended, when it ended other than by succeeding; null otherwise
 * @param exitCode the command's exit status when it ran to the end; null otherwise
 * @param progress the last progress the provider reported, free text; null if none
 * @param ask the price per hour agreed for it when it was assigned (the provider's asks for the task's resources), which
 *     its payment uses whatever the provider asks later; null for an attempt assigned before prices were recorded
 */
public record AttemptRecord(
        AttemptId id,
        TaskId task,
        int number,
        ProviderId provider,
        AttemptState state,
        AttemptReason reason,
        String message,
        Integer exitCode,
        Instant assignedAt,
        Instant startedAt,
        Instant endedAt,
        Instant leaseExpiresAt,
        String progress,
        Credits ask) {

    public AttemptRecord {
        if (id == null || task == null || provider == null || state == null || assignedAt == null || leaseExpiresAt == null)
            throw new IllegalArgumentException("attempt needs id, task, provider, state, assignedAt and leaseExpiresAt");
        if (number < 1) throw new IllegalArgumentException("attempt number must be >= 1, was " + number);
        if (ask != null && ask.micros() <= 0) throw new IllegalArgumentException("attempt " + id + ": agreed ask must be more than 0, was " + ask);
    }

    /** An attempt with no agreed price recorded. */
    public AttemptRecord(AttemptId id, TaskId task, int number, ProviderId provider, AttemptState state, AttemptReason reason, String message,
                         Integer exitCode, Instant assignedAt, Instant startedAt, Instant endedAt, Instant leaseExpiresAt, String progress) {
        this(id, task, number, provider, state, reason, message, exitCode, assignedAt, startedAt, endedAt, leaseExpiresAt, progress, null);
    }

    AttemptRecord with(AttemptState s, Instant started, Instant ended, Instant lease, AttemptReason r, String msg, Integer exit, String prog) {
        return new AttemptRecord(id, task, number, provider, s, r, msg, exit, assignedAt, started, ended, lease, prog, ask);
    }
}
