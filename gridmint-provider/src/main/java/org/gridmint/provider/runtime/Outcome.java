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

    /** Ended badly, for {@code reason}; logs are attached when they could be uploaded. */
    record Failed(AttemptReason reason, String message, Integer exitCode, BlobRef stdout, BlobRef stderr, long runtimeMillis)
            implements Outcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Stopped by the agent for a reason that is not reported (cancel, lost lease, crash). */
    record Abandoned(StopReason reason, long runtimeMillis) implements Outcome {}
}
