package org.gridmint.cli.it;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.gridmint.api.http.ApiException;

/**
 * Waits for a condition by polling it, never by sleeping for a guessed time: the deadline is generous and
 * only bounds a failure. A probe that throws because the coordinator cannot be reached, or answers 429/5xx,
 * is polled again (it may be restarting); the last such error becomes the cause if time runs out. Any other
 * exception, and any {@link AssertionError} (a process found dead), ends the wait at once.
 */
final class Eventually {
    private static final Duration POLL = Duration.ofMillis(100);

    private Eventually() {}

    /** The first value {@code probe} returns, polling until it returns one or {@code timeout} passes. */
    static <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException transientError = null;
        while (true) {
            try {
                Optional<T> value = probe.get();
                if (value.isPresent()) return value.get();
                transientError = null;
            } catch (UncheckedIOException e) {
                transientError = e;
            } catch (ApiException e) {
                if (!e.retryable()) throw e;
                transientError = e;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what, transientError);
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes. */
    static void until(String what, Duration timeout, BooleanSupplier condition) {
        await(what, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }
}
