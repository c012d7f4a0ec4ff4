package org.gridmint.coordinator.market;

import java.time.Instant;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.core.market.Quarantine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each provider's run of failures that were its own fault, inside the transaction that ended the attempt, and
 * quarantines it with a doubling bench once the run reaches {@link Quarantine#FAILURES_TO_QUARANTINE}. A quarantined
 * provider stays registered and keeps its running attempts; the market just gives it no new work until it ends.
 */
public final class Faults {
    private static final Logger log = LoggerFactory.getLogger(Faults.class);

    private Faults() {}

    /** After one of the provider's attempts succeeded: its run of failures is over. */
    public static void succeeded(StoreTx tx, ProviderId provider) {
        Quarantine q = tx.quarantine(provider);
        if (q.consecutiveFailures() > 0) tx.saveQuarantine(provider, q.afterSuccess());
    }

    /** After one of the provider's attempts ended for {@code reason} (only the provider's own faults count). */
    public static void ended(StoreTx tx, ProviderId provider, AttemptReason reason, Instant now) {
        Quarantine q = tx.quarantine(provider);
        Quarantine next = q.afterEnded(reason, now);
        if (next.equals(q)) return;
        tx.saveQuarantine(provider, next);
        if (next.timesQuarantined() > q.timesQuarantined())
            log.warn("provider {} quarantined until {} after {} failures of its own in a row (the last: {}); quarantine number {}", provider,
                    next.until(), Quarantine.FAILURES_TO_QUARANTINE, reason, next.timesQuarantined());
    }
}
