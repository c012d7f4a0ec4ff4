package org.gridmint.provider.runtime;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.gridmint.api.Assignment;
import org.gridmint.core.lifecycle.AttemptReason;

/** The agent's runtimes by the name an assignment gives ({@code exec}, {@code embed}); hands each assignment to its own. */
public final class Runtimes implements TaskRuntime {
    private final Map<String, TaskRuntime> byName;

    public Runtimes(Map<String, TaskRuntime> byName) {
        this.byName = new TreeMap<>(Objects.requireNonNull(byName, "byName"));
    }

    @Override
    public Outcome run(Assignment a, String providerId, TaskControl control, CheckpointSink checkpoints) {
        TaskRuntime r = byName.get(a.runtime());
        if (r == null) {
            control.phase(TaskControl.Phase.DONE);
            return Outcome.Failed.permanent(AttemptReason.RUNTIME_ERROR, "this provider has no runtime '" + a.runtime() + "' (it has: "
                    + String.join(", ", byName.keySet()) + ")");
        }
        return r.run(a, providerId, control, checkpoints);
    }
}
