package org.gridmint.sim.report;

/**
 * One dated cloud reference price from {@code cloud-prices.yaml}.
 *
 * @param id how scenarios name it in {@code compareWith}
 * @param usdPerGpuHour the instance's hourly price divided by its GPUs; null where no dated source was found
 * @param date when the source stated it (ISO date), or when it was retrieved
 * @param note caveats: how old, how certain, what the figure covers
 */
public record CloudPrice(String id, String provider, String instance, String gpu, int gpus, String pricing, String region,
                         Double usdPerInstanceHour, Double usdPerGpuHour, String date, String source, String note) {}
