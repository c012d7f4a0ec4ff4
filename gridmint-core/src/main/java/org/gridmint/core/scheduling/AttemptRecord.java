package org.gridmint.core.scheduling;

import java.time.Instant;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.core.lifecycle.AttemptState;

/**
 * One attempt to run a task on one provider, with the lease that its heartbeats extend.
 *
 * @param number 1 for the task's first attempt, then 2, 3, …
 * @param reason why it ended, when it ended other than by succeeding; null otherwise
 * @param exitCode the command's exit status when it ran to the end; null otherwise
 * @param progress the last progress the provider reported, free text; null if none
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
        String progress) {

    public AttemptRecord {
        if (id == null || task == null || provider == null || state == null || assignedAt == null || leaseExpiresAt == null)
            throw new IllegalArgumentException("attempt needs id, task, provider, state, assignedAt and leaseExpiresAt");
        if (number < 1) throw new IllegalArgumentException("attempt number must be >= 1, was " + number);
    }

    AttemptRecord with(AttemptState s, Instant started, Instant ended, Instant lease, AttemptReason r, String msg, Integer exit, String prog) {
        return new AttemptRecord(id, task, number, provider, s, r, msg, exit, assignedAt, started, ended, lease, prog);
    }
}
