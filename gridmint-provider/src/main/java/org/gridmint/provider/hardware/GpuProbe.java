package org.gridmint.provider.hardware;

import java.util.List;
import java.util.Objects;
import org.gridmint.api.GpuInfo;

/** Finds the GPUs of this machine; never throws, because "no GPU" is a normal answer. */
public interface GpuProbe {

    Result probe();

    /** A probe that sees no GPU, for CPU-only agents and tests. */
    static GpuProbe none() {
        return () -> new Result(List.of(), "GPU probing is disabled");
    }

    /**
     * The GPUs found, and when there are none because something went wrong, why.
     *
     * @param problem null when the probe ran cleanly (even if it found no GPU)
     */
    record Result(List<GpuInfo> gpus, String problem) {
        public Result {
            gpus = List.copyOf(Objects.requireNonNull(gpus, "gpus"));
        }

        static Result failed(String problem) {
            return new Result(List.of(), problem);
        }
    }
}
