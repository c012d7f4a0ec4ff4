package org.gridmint.provider.sandbox;

/**
 * What one task may use; 0 means "no limit" for that resource.
 *
 * @param cpus whole cores of CPU time
 * @param memoryMb resident memory (or address space, where only prlimit is available)
 * @param pids processes and threads at once
 */
public record ResourceLimits(int cpus, long memoryMb, int pids) {
    public static final ResourceLimits NONE = new ResourceLimits(0, 0, 0);

    public ResourceLimits {
        if (cpus < 0) throw new IllegalArgumentException("cpus must be >= 0, got " + cpus);
        if (memoryMb < 0) throw new IllegalArgumentException("memoryMb must be >= 0, got " + memoryMb);
        if (pids < 0) throw new IllegalArgumentException("pids must be >= 0, got " + pids);
    }
}
