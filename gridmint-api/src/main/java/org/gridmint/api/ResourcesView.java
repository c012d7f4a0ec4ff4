package org.gridmint.api;

/** What a task needs from a provider, as on the wire. */
public record ResourcesView(int cpu, long memoryMb, int gpus, String gpuModel, long minGpuMemoryMb) {}
