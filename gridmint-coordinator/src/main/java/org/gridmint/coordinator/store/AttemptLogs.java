package org.gridmint.coordinator.store;

import org.gridmint.api.BlobRef;
import org.gridmint.core.ids.AttemptId;

/** The captured output streams of one attempt, as blobs; either may be null. */
public record AttemptLogs(AttemptId attempt, BlobRef stdout, BlobRef stderr) {}
