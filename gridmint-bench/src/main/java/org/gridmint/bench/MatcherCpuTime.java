package org.gridmint.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * {@link MatcherBench}'s plan timed by the planning thread's CPU time instead of the wall clock: on a shared machine
 * (load well above its 2 cores) JMH's wall-clock scores swing by 2× between runs, while CPU time counts other processes
 * far less. Prints the median, min and max placements per CPU-second over 7 rounds of 100 plans, after 300 to warm up.
 */
public final class MatcherCpuTime {
    private MatcherCpuTime() {}

    public static void main(String[] args) {
        var bean = ManagementFactory.getThreadMXBean();
        MatcherBench b = new MatcherBench();
        b.setUp();
        for (int i = 0; i < 300; i++) b.plan();
        int rounds = 7;
        int per = 100;
        double[] rate = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = bean.getCurrentThreadCpuTime();
            for (int i = 0; i < per; i++) b.plan();
            long cpu = bean.getCurrentThreadCpuTime() - t0;
            rate[r] = per * (double) MatcherBench.TASKS / (cpu / 1e9);
        }
        Arrays.sort(rate);
        System.out.printf("placements per CPU-second: median %.0f (min %.0f, max %.0f) over %d rounds of %d plans%n",
                rate[rounds / 2], rate[0], rate[rounds - 1], rounds, per);
    }
}
