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
    }

    CompletableFuture<StopReason> stopped() {
        return stopped;
    }
}
