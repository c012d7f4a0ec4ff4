package org.gridmint.provider.agent;

import java.nio.file.Path;
import java.time.Duration;
import org.gridmint.api.BlobRef;
import org.gridmint.provider.runtime.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's blob store, retried for up to {@link #RETRY_WINDOW}: long enough to ride out a coordinator
 * restart (a finished task's results are worth the wait; heartbeats go on meanwhile), short enough that a
 * coordinator that is really gone fails the attempt (STAGING_FAILED or UPLOAD_FAILED) and frees the slot.
 */
final class CoordinatorBlobStore implements BlobStore {
    private static final Logger log = LoggerFactory.getLogger(CoordinatorBlobStore.class);
    static final Duration RETRY_WINDOW = Duration.ofSeconds(60);

    private final CoordinatorClient client;
    private final Duration maxBackoff;

    CoordinatorBlobStore(CoordinatorClient client, Duration maxBackoff) {
        this.client = client;
        this.maxBackoff = maxBackoff;
    }

    @Override
    public void fetch(String sha256, Path target) {
        retrying("download blob " + sha256, () -> {
            client.download(sha256, target);
            return null;
        });
    }

    @Override
    public BlobRef put(String name, Path file) {
        return retrying("upload " + name, () -> client.putBlob(name, file));
    }

    private <T> T retrying(String what, java.util.function.Supplier<T> call) {
        Backoff backoff = new Backoff(Duration.ofMillis(200), maxBackoff);
        long deadline = System.nanoTime() + RETRY_WINDOW.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (!CoordinatorClient.retryable(e) || System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) throw e;
                log.debug("{} failed (attempt {}, retrying for up to {}): {}", what, attempt, RETRY_WINDOW, e.toString());
                backoff.pause();
            }
        }
    }
}
