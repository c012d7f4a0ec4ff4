package org.gridmint.provider.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * The agent's handle on one running attempt: what phase it is in, and a way to stop it from another thread.
 * Thread-safe; the first stop reason wins.
 */
public final class TaskControl {
    /** Where an attempt is, for heartbeat progress. */
    public enum Phase { STAGING, RUNNING, UPLOADING, DONE }

    private final CompletableFuture<StopReason> stopped = new CompletableFuture<>();
    private volatile Phase phase = Phase.STAGING;
    private volatile String progress;

    /** Asks the runtime to stop the attempt; returns at once, the runtime kills the process tree. */
    public void stop(StopReason reason) {
        stopped.complete(reason);
    }

    /** The reason the attempt was asked to stop, or null. */
    public StopReason stopReason() {
        return stopped.getNow(null);
    }

    public Phase phase() {
        return phase;
    }

    void phase(Phase p) {
        phase = p;
        progress = null;
    }

    /** What the next heartbeat says: the runtime's own words where it gave some (e.g. items done), else the phase. */
    public String progress() {
        String p = progress;
        return p != null ? p : phase.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Sets the progress words for the current phase; the next phase change clears them. */
    void progress(String words) {
        progress = words;
    }

    CompletableFuture<StopReason> stopped() {
        return stopped;
    }
}
