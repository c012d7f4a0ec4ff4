package org.gridmint.provider.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.gridmint.api.BlobRef;
import org.gridmint.api.http.ApiTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves one attempt's checkpoint dir while its command runs: every interval, if the dir's packed content
 * differs from what was last saved (or restored), it uploads the zip and reports it through the sink.
 *
 * <p>Concurrency: one virtual thread ticks; {@link #checkpoint} is synchronized, so a final checkpoint waits
 * for a periodic one in flight instead of racing it. Failure modes: a failed pack, upload or report is
 * logged and tried again at the next tick (the content still differs); nothing here stops or fails the task.
 */
final class Checkpointer {
    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
    static final String BLOB_NAME = "checkpoint.zip";

    private final String attemptId;
    private final Path dir;
    private final Path scratch;
    private final long intervalMillis;
    private final BlobStore blobs;
    private final CheckpointSink sink;
    private final Object tick = new Object();
    private volatile boolean stopped;
    private String savedSha256;
    private Thread thread;

    /** @param scratch a private dir for the zips being made */
    Checkpointer(String attemptId, Path dir, Path scratch, long intervalMillis, BlobStore blobs, CheckpointSink sink) {
        if (intervalMillis <= 0) throw new IllegalArgumentException("intervalMillis must be > 0, was " + intervalMillis);
        this.attemptId = attemptId;
        this.dir = Objects.requireNonNull(dir, "dir");
        this.scratch = Objects.requireNonNull(scratch, "scratch");
        this.intervalMillis = intervalMillis;
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Takes the dir as it is now (empty, or the restored checkpoint) as saved: only changes get uploaded. */
    synchronized void baseline() {
        try {
            Path zip = pack();
            try {
                savedSha256 = digestOf(zip);
            } finally {
                Files.deleteIfExists(zip);
            }
        } catch (IOException e) {
            log.warn("attempt {}: cannot read the checkpoint dir: {}", attemptId, e.toString());
        }
    }

    /** Starts ticking; {@code runtimeMillis} says how long the command has run. */
    void start(LongSupplier runtimeMillis) {
        thread = Thread.ofVirtual().name("gridmint-checkpoint-" + attemptId).start(() -> loop(runtimeMillis));
    }

    /** Stops ticking and waits for a checkpoint in flight to end. */
    void stop() {
        stopped = true;
        synchronized (tick) {
            tick.notifyAll();
        }
        Thread t = thread;
        if (t == null) return;
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop(LongSupplier runtimeMillis) {
        while (!stopped) {
            synchronized (tick) {
                try {
                    if (!stopped) tick.wait(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (!stopped) checkpoint(runtimeMillis.getAsLong());
        }
    }

    /** Uploads and reports the dir if it changed since the last save; true when it did so. Never throws. */
    synchronized boolean checkpoint(long runtimeMillis) {
        Path zip = null;
        try {
            zip = pack();
            String sha = digestOf(zip);
            if (sha.equals(savedSha256)) return false;
            BlobRef ref = blobs.put(BLOB_NAME, zip);
            sink.report(ref, runtimeMillis);
            savedSha256 = sha;
            log.debug("attempt {}: checkpoint {} ({} bytes) at {} ms", attemptId, sha, ref.size(), runtimeMillis);
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("attempt {}: checkpoint failed, trying again at the next interval: {}", attemptId, e.toString());
            return false;
        } finally {
            if (zip != null) {
                try {
                    Files.deleteIfExists(zip);
                } catch (IOException ignored) {
                    // scratch is deleted with the attempt's logs anyway
                }
            }
        }
    }

    private Path pack() throws IOException {
        Files.createDirectories(scratch);
        Path zip = Files.createTempFile(scratch, "checkpoint-", ".zip");
        CheckpointArchive.pack(dir, zip);
        return zip;
    }

    private static String digestOf(Path zip) throws IOException {
        return ApiTransport.sha256(zip);
    }
}
