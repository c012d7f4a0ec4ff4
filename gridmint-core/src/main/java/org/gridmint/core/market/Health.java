package org.gridmint.core.market;

import java.time.Duration;
import java.time.Instant;

/** Whether the market may hand a provider work now, from when it was last heard from and any quarantine. */
public enum Health {
    /** Heard from recently and not quarantined: the only state that gets work. */
    HEALTHY,
    /** Missed more than {@link #SUSPECT_AFTER_INTERVALS} heartbeat intervals: alive perhaps, but not trusted with new work. */
    SUSPECT,
    /** Silent for more than {@link #LOST_AFTER_INTERVALS} intervals, the coordinator's offline threshold: its work is being requeued. */
    LOST,
    /** Failed too often in a row ({@link Quarantine}) and benched until its quarantine ends. */
    QUARANTINED,
    /** Its owner asked it to drain: it hands its work back and stops, and gets no new work until it registers again. */
    DRAINING;

    /** One missed heartbeat plus slack for a slow network: a single late heartbeat does not make a provider suspect. */
    public static final double SUSPECT_AFTER_INTERVALS = 1.5;
    /** As the coordinator's {@code offlineAfter}: three intervals of silence. */
    public static final int LOST_AFTER_INTERVALS = 3;

    /**
     * The health of a provider last heard from at {@code lastSeen}. LOST wins over QUARANTINED (a lost provider is gone
     * whatever its record), and QUARANTINED over SUSPECT (the quarantine is the longer-lived reason).
     *
     * @param quarantinedUntil the end of its quarantine, or null if it has never been quarantined
     */
    public static Health of(Instant lastSeen, Instant now, Duration heartbeatInterval, Instant quarantinedUntil) {
        if (lastSeen == null || now == null || heartbeatInterval == null)
            throw new IllegalArgumentException("health needs lastSeen, now and heartbeatInterval");
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero())
            throw new IllegalArgumentException("heartbeatInterval must be > 0, was " + heartbeatInterval);
        Duration silence = Duration.between(lastSeen, now);
        if (silence.compareTo(heartbeatInterval.multipliedBy(LOST_AFTER_INTERVALS)) > 0) return LOST;
        if (quarantinedUntil != null && now.isBefore(quarantinedUntil)) return QUARANTINED;
        if (missedHeartbeat(lastSeen, now, heartbeatInterval)) return SUSPECT;
        return HEALTHY;
    }

    /**
     * Whether a provider heard from at {@code now}, and before that at {@code lastSeen}, missed a heartbeat in between:
     * a silence longer than {@link #SUSPECT_AFTER_INTERVALS} intervals, the gap that made it SUSPECT meanwhile.
     */
    public static boolean missedHeartbeat(Instant lastSeen, Instant now, Duration heartbeatInterval) {
        // 1.5 intervals in whole nanoseconds: three halves, so no floating point decides a threshold.
        return Duration.between(lastSeen, now).multipliedBy(2).compareTo(heartbeatInterval.multipliedBy(3)) > 0;
    }

    /**
     * The health of a provider whose owner asked it to drain: DRAINING whatever its heartbeats say, since the drain
     * explains its silence (a drained agent has stopped) and keeps it from work just as well.
     */
    public static Health of(Instant lastSeen, Instant now, Duration heartbeatInterval, Instant quarantinedUntil, boolean draining) {
        return draining ? DRAINING : of(lastSeen, now, heartbeatInterval, quarantinedUntil);
    }
}
