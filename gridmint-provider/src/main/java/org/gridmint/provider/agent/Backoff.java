package org.gridmint.provider.agent;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential pauses with jitter, so agents that lost the same coordinator do not return in lockstep. Not thread-safe:
 * one per loop.
 */
public final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private long nextMillis;

    public Backoff(Duration initial, Duration max) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.nextMillis = initialMillis;
    }

    public void reset() {
        nextMillis = initialMillis;
    }

    /** Sleeps for the next pause; an interrupt ends it early and is kept for the caller to see. */
    public void pause() {
        long jittered = nextMillis / 2 + ThreadLocalRandom.current().nextLong(nextMillis / 2 + 1);
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        try {
            Thread.sleep(jittered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
