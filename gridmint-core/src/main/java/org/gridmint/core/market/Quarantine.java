package org.gridmint.core.market;

import java.time.Duration;
import java.time.Instant;
import org.gridmint.core.lifecycle.AttemptReason;

/**
 * A provider's quarantine record: failures in a row that were its fault, how often it has been quarantined, and until
 * when the current quarantine lasts. After {@link #FAILURES_TO_QUARANTINE} consecutive provider-caused failures it is
 * benched for {@link #BASE} × 2^(times quarantined before), at most {@link #CAP}; a success resets the run of failures.
 *
 * @param consecutiveFailures provider-caused failures since its last success or quarantine
 * @param timesQuarantined how many quarantines it has had; never reset, so a provider that keeps relapsing waits longer
 * @param until the end of its latest quarantine, or null if it has never been quarantined
 */
public record Quarantine(int consecutiveFailures, int timesQuarantined, Instant until) {
    /** Three in a row: one failure is bad luck, two may be the job's files; three from the same machine are the machine. */
    public static final int FAILURES_TO_QUARANTINE = 3;
    public static final Duration BASE = Duration.ofMinutes(1);
    /** A day: long enough that a broken machine stops costing clients, short enough that a fixed one comes back unaided. */
    public static final Duration CAP = Duration.ofDays(1);
    /** A provider with a clean record. */
    public static final Quarantine NONE = new Quarantine(0, 0, null);

    public Quarantine {
        if (consecutiveFailures < 0 || timesQuarantined < 0)
            throw new IllegalArgumentException("quarantine counts must be >= 0: consecutiveFailures=" + consecutiveFailures
                    + " timesQuarantined=" + timesQuarantined);
    }

    /** How long a provider quarantined {@code timesBefore} times already is benched this time: doubling, capped. */
    public static Duration length(int timesBefore) {
        if (timesBefore < 0) throw new IllegalArgumentException("timesBefore must be >= 0, was " + timesBefore);
        // 2^11 minutes already exceeds a day; stopping there keeps the shift from overflowing.
        if (timesBefore >= 11) return CAP;
        Duration d = BASE.multipliedBy(1L << timesBefore);
        return d.compareTo(CAP) > 0 ? CAP : d;
    }

    /** When a quarantine that starts {@code now} ends, for a provider quarantined {@code timesBefore} times already. */
    public static Instant until(int timesBefore, Instant now) {
        return now.plus(length(timesBefore));
    }

    /** Whether {@code consecutiveFailures} provider-caused failures in a row earn a quarantine. */
    public static boolean due(int consecutiveFailures) {
        return consecutiveFailures >= FAILURES_TO_QUARANTINE;
    }

    /** True while the latest quarantine lasts. */
    public boolean isActive(Instant now) {
        return until != null && now.isBefore(until);
    }

    /** After a successful attempt: the run of failures is over. */
    public Quarantine afterSuccess() {
        return consecutiveFailures == 0 ? this : new Quarantine(0, timesQuarantined, until);
    }

    /**
     * After an attempt that ended for {@code reason} at {@code now}. Only {@link Fault#PROVIDER} reasons count; the one
     * that completes a run of {@link #FAILURES_TO_QUARANTINE} starts a quarantine and clears the run, so that a provider
     * back from quarantine gets the same three chances again (with a doubled bench if it uses them up).
     */
    public Quarantine afterEnded(AttemptReason reason, Instant now) {
        if (Fault.of(reason) != Fault.PROVIDER) return this;
        int run = consecutiveFailures + 1;
        if (!due(run)) return new Quarantine(run, timesQuarantined, until);
        return new Quarantine(0, timesQuarantined + 1, until(timesQuarantined, now));
    }
}
