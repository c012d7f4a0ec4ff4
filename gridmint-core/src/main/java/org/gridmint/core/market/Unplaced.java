package org.gridmint.core.market;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.scheduling.Constraint;
import org.gridmint.core.scheduling.Requirements;

/**
 * A task that a {@link Plan} could not place, and why, so that a job says what it waits for instead of waiting silently.
 *
 * @param failing for {@link Reason#NO_FIT}: per constraint, how many providers fail it (a provider that fails several
 *     is counted under each); constraints no provider fails are left out; empty for the other reasons
 * @param requirements what the task asks, to say what the failing providers lack
 */
public record Unplaced(TaskId task, Reason reason, Map<Constraint, Integer> failing, Requirements requirements) {
    /** Why a task stays pending. */
    public enum Reason {
        /** No provider in the snapshot meets its constraints and price cap. */
        NO_FIT,
        /** Some do, but none is healthy now: all suspect, lost, quarantined or draining. */
        NO_HEALTHY_FIT,
        /** Healthy providers fit, but none has a free slot (or only the one that failed it last): it waits. */
        BUSY,
        /**
         * Providers fit, but the task may run on none of them: each ran it already, shares an owner with one that did, or
         * is not among the trusted providers it is limited to.
         */
        EXCLUDED
    }

    public Unplaced {
        if (task == null || reason == null || requirements == null) throw new IllegalArgumentException("unplaced needs a task, a reason and requirements");
        var copy = new EnumMap<Constraint, Integer>(Constraint.class);
        failing.forEach((c, n) -> {
            if (n < 0) throw new IllegalArgumentException("a provider count must be >= 0, was " + n + " for " + c);
            if (n > 0) copy.put(c, n);
        });
        if (reason != Reason.NO_FIT && !copy.isEmpty()) throw new IllegalArgumentException(reason + " counts no failing constraints");
        failing = Collections.unmodifiableMap(copy);
    }

    /** Why it waits, in words: "no provider fits: 2 lack 16384 MB of memory, 3 ask above the 0.2/h cap". */
    public String describe() {
        return switch (reason) {
            case BUSY -> "every healthy provider that fits is busy; it waits for a free slot";
            case NO_HEALTHY_FIT -> "providers fit, but none is healthy now (suspect, lost, quarantined or draining)";
            case EXCLUDED -> "every provider that fits ran the task already, shares an owner with one that did, or is not trusted;"
                    + " it waits for another";
            case NO_FIT -> {
                List<String> parts = new ArrayList<>();
                failing.forEach((c, n) -> parts.add(n + " " + lacks(c)));
                yield parts.isEmpty() ? "no provider fits: there are none" : "no provider fits: " + String.join(", ", parts);
            }
        };
    }

    private String lacks(Constraint c) {
        var res = requirements.resources();
        return switch (c) {
            case CPU -> "lack " + res.cpu() + " cpus";
            case MEMORY_MB -> "lack " + res.memoryMb() + " MB of memory";
            case GPUS -> "lack " + res.gpus() + (res.gpuModel() == null ? "" : " " + res.gpuModel()) + " GPU" + (res.gpus() == 1 ? "" : "s")
                    + (res.minGpuMemoryMb() > 0 ? " with " + res.minGpuMemoryMb() + " MB" : "");
            case REGIONS -> "are outside " + String.join(", ", requirements.regions());
            case MAX_PRICE -> "ask above the " + requirements.maxPrice() + "/h cap";
            case MIN_STAKE -> "have less than " + requirements.minStake() + " staked";
            case MODEL -> "do not serve model " + requirements.model();
        };
    }
}
