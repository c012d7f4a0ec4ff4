package org.gridmint.bench;

import java.util.Map;

/**
 * What the agents saw in one phase: how many tasks they completed, how long it took from the start signal to
 * the last completion, and the latency of their calls. Travels as JSON from a separate agent JVM.
 *
 * @param elapsedNanos from the start signal to the answer of the last successful completion
 * @param claims claims that returned at least one assignment; their latency is in {@code claimLatency}
 * @param emptyClaims claims that returned nothing (a long poll that ran out, or lost a race at the tail)
 * @param errors failed calls by kind; {@code errorSamples} holds the first message of each kind
 * @param cpuNanos CPU time of the whole JVM the agents ran in, over the phase (coordinator included when it shares it)
 * @param stopped whether the phase was given up (its timeout passed, or too many calls failed) before every task completed
 */
public record AgentReport(
        int completed,
        long elapsedNanos,
        long claims,
        long emptyClaims,
        long claimedTasks,
        Latency claimLatency,
        Latency completeLatency,
        Map<String, Long> errors,
        Map<String, String> errorSamples,
        long cpuNanos,
        boolean stopped) {

    /** Percentiles of one kind of call, in milliseconds. */
    public record Latency(long count, double p50Millis, double p90Millis, double p99Millis, double maxMillis) {

        /** Nearest-rank percentiles; sorts {@code nanos} in place. */
        static Latency of(long[] nanos) {
            java.util.Arrays.sort(nanos);
            if (nanos.length == 0) return new Latency(0, 0, 0, 0, 0);
            return new Latency(nanos.length, ms(rank(nanos, 0.50)), ms(rank(nanos, 0.90)), ms(rank(nanos, 0.99)), ms(nanos[nanos.length - 1]));
        }

        private static long rank(long[] sorted, double p) {
            int i = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }

        private static double ms(long nanos) {
            return nanos / 1e6;
        }
    }

    /** CPU time this JVM has used so far, or -1 where the JVM cannot tell. */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
            return os.getProcessCpuTime();
        return -1;
    }

    public double elapsedSeconds() {
        return elapsedNanos / 1e9;
    }

    public double tasksPerSecond() {
        return elapsedNanos == 0 ? 0 : completed / elapsedSeconds();
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
