package org.gridmint.core.spec;

/**
 * What one task needs from a provider: CPU cores, memory, GPUs and, optionally, a GPU model or a minimum
 * GPU memory. {@code gpuModel} is matched case-insensitively as a substring ("T4" matches "Tesla T4").
 */
public record Resources(int cpu, long memoryMb, int gpus, String gpuModel, long minGpuMemoryMb) {
    public static final Resources DEFAULT = new Resources(1, 512, 0, null, 0);

    public Resources {
        if (cpu < 1) throw new IllegalArgumentException("cpu must be >= 1, was " + cpu);
        if (memoryMb < 1) throw new IllegalArgumentException("memoryMb must be >= 1, was " + memoryMb);
        if (gpus < 0) throw new IllegalArgumentException("gpus must be >= 0, was " + gpus);
        if (minGpuMemoryMb < 0) throw new IllegalArgumentException("minGpuMemoryMb must be >= 0, was " + minGpuMemoryMb);
        if (gpuModel != null && gpuModel.isBlank()) gpuModel = null;
    }
}
