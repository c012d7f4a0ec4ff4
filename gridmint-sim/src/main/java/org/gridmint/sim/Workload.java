package org.gridmint.sim;

import java.util.SplittableRandom;
import org.gridmint.sim.scenario.Pick;
import org.gridmint.sim.scenario.Scenario;

/**
 * The jobs of one scenario, drawn once from the seed so that every run (each policy, and the failure-free yardstick)
 * gets exactly the same arrivals, task counts and task durations.
 *
 * @param arrivals when each job arrives, in virtual milliseconds, non-decreasing
 * @param work per job, per task: its work in milliseconds at reference speed 1.0
 * @param gpus per job, the GPU model it asks for, or null for any
 */
record Workload(long[] arrivals, long[][] work, String[] gpus, int totalTasks) {
    static Workload of(Scenario s) {
        var jobs = s.jobs();
        SplittableRandom r = Streams.of(s.seed(), Streams.WORKLOAD, 0);
        long[] arrivals = new long[jobs.count()];
        long[][] work = new long[jobs.count()][];
        String[] gpus = new String[jobs.count()];
        long t = 0;
        int total = 0;
        for (int j = 0; j < jobs.count(); j++) {
            switch (jobs.arrival().kind()) {
                case AT_ONCE -> t = 0;
                case EVERY -> t = j * jobs.arrival().millis();
                case POISSON -> t += j == 0 ? 0 : Math.round(-jobs.arrival().millis() * Math.log(1 - r.nextDouble()));
            }
            arrivals[j] = t;
            int n = (int) Math.max(1, Math.round(jobs.tasks().sample(r)));
            work[j] = new long[n];
            for (int i = 0; i < n; i++) work[j][i] = Math.max(1, Math.round(jobs.duration().sample(r)));
            Pick gpu = jobs.gpu();
            gpus[j] = gpu == null ? null : gpu.sample(r);
            total = Math.addExact(total, n);
        }
        return new Workload(arrivals, work, gpus, total);
    }
}
