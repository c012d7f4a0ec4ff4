package org.gridmint.provider.runtime;

import org.gridmint.api.Assignment;

/** Runs one assignment of one kind ({@code exec}, {@code embed}) from staging to uploaded results, as {@link ExecRuntime} does. */
public interface TaskRuntime {
    /**
     * Runs {@code a} on the calling thread until it ends; other threads steer it only through {@code control}.
     *
     * @param providerId the provider running it, or null when not known
     * @param checkpoints told of each checkpoint saved (runtimes that do not checkpoint never call it)
     */
    Outcome run(Assignment a, String providerId, TaskControl control, CheckpointSink checkpoints);
}
