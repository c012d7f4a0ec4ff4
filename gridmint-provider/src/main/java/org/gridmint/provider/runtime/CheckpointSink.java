package org.gridmint.provider.runtime;

import org.gridmint.api.BlobRef;

/** Where the runtime reports an uploaded checkpoint of an attempt: the coordinator, or a list in tests. */
@FunctionalInterface
public interface CheckpointSink {
    /** For runs whose reports go nowhere. */
    CheckpointSink NONE = (blob, runtimeMillis) -> {};

    /** Reports {@code blob} as the attempt's checkpoint after {@code runtimeMillis} of its command; throws on failure. */
    void report(BlobRef blob, long runtimeMillis);
}
