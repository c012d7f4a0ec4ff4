package org.gridmint.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the whole machine was between two readings of {@code /proc/stat}, so that a run can tell its own
 * CPU use from other processes' (the benchmark machines are shared with builds). Linux only.
 *
 * @param busyTicks clock ticks all CPUs spent neither idle nor waiting for I/O, summed over CPUs
 * @param totalTicks all clock ticks, summed over CPUs
 */
record MachineLoad(long busyTicks, long totalTicks) {
    static final MachineLoad UNKNOWN = new MachineLoad(-1, -1);

    static MachineLoad now() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst();
            String[] f = cpu.trim().split("\\s+");
            // user nice system idle iowait irq softirq steal: steal counts as busy, since the work did not run.
            long total = 0;
            for (int i = 1; i <= Math.min(8, f.length - 1); i++) total += Long.parseLong(f[i]);
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new MachineLoad(total - idle, total);
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** The average number of busy CPUs from {@code earlier} to this reading, or -1 where unknown. */
    double busyCpusSince(MachineLoad earlier, int cpus) {
        if (this == UNKNOWN || earlier == UNKNOWN || totalTicks == earlier.totalTicks) return -1;
        return cpus * (double) (busyTicks - earlier.busyTicks) / (totalTicks - earlier.totalTicks);
    }
}
