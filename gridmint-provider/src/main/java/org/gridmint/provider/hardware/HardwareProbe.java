package org.gridmint.provider.hardware;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Objects;
import org.gridmint.api.GpuInfo;

/** Measures this machine's CPUs, memory and GPUs, for registration. */
public final class HardwareProbe {
    private final GpuProbe gpuProbe;

    public HardwareProbe(GpuProbe gpuProbe) {
        this.gpuProbe = Objects.requireNonNull(gpuProbe, "gpuProbe");
    }

    public Hardware probe() {
        GpuProbe.Result gpus = gpuProbe.probe();
        return new Hardware(Runtime.getRuntime().availableProcessors(), totalMemoryMb(), gpus.gpus(), gpus.problem());
    }

    static long totalMemoryMb() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024 * 1024);
        }
        // Only non-HotSpot JVMs lack the extended bean; the heap limit is a floor we can still stand behind.
        return Runtime.getRuntime().maxMemory() / (1024 * 1024);
    }

    /**
     * What the machine has.
     *
     * @param gpuProblem why no GPU (or only some) could be listed; null when the GPU probe ran cleanly
     */
    public record Hardware(int cpus, long memoryMb, List<GpuInfo> gpus, String gpuProblem) {
        public Hardware {
            gpus = List.copyOf(gpus);
        }
    }
}
