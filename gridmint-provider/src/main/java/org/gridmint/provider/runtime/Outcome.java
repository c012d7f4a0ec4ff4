package org.gridmint.provider.runtime;

import java.util.List;
import java.util.Objects;
import org.gridmint.api.BlobRef;
import org.gridmint.core.lifecycle.AttemptReason;

/** How one attempt ended, as the agent will report it. {@code runtimeMillis} is the command's own run time. */
public sealed interface Outcome {

    long runtimeMillis();

    /** Exit 0, every declared output found and uploaded. */
    record Completed(int exitCode, List<BlobRef> outputs, BlobRef stdout, BlobRef stderr, long runtimeMillis) implements Outcome {
        public Completed {
            outputs = List.copyOf(outputs);
        }
    }

    /**
     * Ended badly, for {@code reason}; logs are attached when they could be uploaded. {@code retryable} is false when running
     * the task again cannot help (its input is malformed, it names a model this provider does not serve): the report says so.
     */
    record Failed(AttemptReason reason, String message, Integer exitCode, BlobRef stdout, BlobRef stderr, long runtimeMillis, boolean retryable)
            implements Outcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }

        /** A failure that another run may well get past (the usual kind). */
        public Failed(AttemptReason reason, String message, Integer exitCode, BlobRef stdout, BlobRef stderr, long runtimeMillis) {
            this(reason, message, exitCode, stdout, stderr, runtimeMillis, true);
        }

        /** A failure that another run cannot get past, before anything ran. */
        public static Failed permanent(AttemptReason reason, String message) {
            return new Failed(reason, message, null, null, null, 0, false);
        }
    }

    /** Stopped by the agent for a reason that is not reported (cancel, lost lease, crash). */
    record Abandoned(StopReason reason, long runtimeMillis) implements Outcome {}
}
