package org.gridmint.provider.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a generous deadline instead of sleeping a fixed time. */
public final class Eventually {
    public static final Duration DEADLINE = Duration.ofSeconds(30);

    private Eventually() {}

    public static void await(String what, BooleanSupplier condition) {
        await(what, DEADLINE, condition);
    }

    public static void await(String what, Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out after " + deadline.toSeconds() + " s waiting for " + what);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
