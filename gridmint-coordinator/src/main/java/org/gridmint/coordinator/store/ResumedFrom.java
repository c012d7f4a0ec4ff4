package org.gridmint.coordinator.store;

import org.gridmint.core.ids.AttemptId;

/**
 * The checkpoint an attempt started from: the attempt that took it, and how far into that attempt's own runtime it was.
 *
 * @param checkpointMillis null for an attempt that resumed before this was recorded (it is then not paid for)
 */
public record ResumedFrom(AttemptId from, Long checkpointMillis) {}
