package org.gridmint.core.economics;

import java.time.Duration;
import java.time.Instant;

/**
 * The network's epochs: epoch n is [genesis + n·length, genesis + (n+1)·length). Emissions and settlement batches are
 * per epoch; an epoch is closed once {@code now} reaches its end.
 */
public record Epochs(Instant genesis, Duration length) {
    public static final Duration MIN_LENGTH = Duration.ofSeconds(1);

    public Epochs {
        if (genesis == null) throw new IllegalArgumentException("the network's genesis instant is required");
        if (length == null || length.compareTo(MIN_LENGTH) < 0 || length.compareTo(Duration.ofDays(31)) > 0)
            throw new IllegalArgumentException("--epoch must be between 1s and 31d, was " + length);
    }

    /** The epoch that {@code at} lies in; -1 before genesis. */
    public long epochAt(Instant at) {
        if (at.isBefore(genesis)) return -1;
        return Duration.between(genesis, at).toMillis() / length.toMillis();
    }

    public Instant start(long epoch) {
        if (epoch < 0) throw new IllegalArgumentException("epochs count from 0, was " + epoch);
        return genesis.plusMillis(Math.multiplyExact(epoch, length.toMillis()));
    }

    /** The end of {@code epoch}, exclusive: the start of the next. */
    public Instant end(long epoch) {
        return start(epoch + 1);
    }

    /** The newest epoch that has ended by {@code now}; -1 when none has. */
    public long lastClosed(Instant now) {
        return Math.max(-1, epochAt(now) - 1);
    }
}
