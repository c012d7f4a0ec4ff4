package org.gridmint.api;

/** One GPU as a provider's probe saw it. */
public record GpuInfo(String model, long memoryMb, String uuid) {}
