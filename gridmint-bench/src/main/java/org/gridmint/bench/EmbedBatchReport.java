package org.gridmint.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures of {@link EmbedBatchBench}: one row per timed job, the median rate of each set-up, and the scaling efficiency of
 * every multi-provider set-up against every one-provider set-up.
 */
record EmbedBatchReport(List<Run> runs, Map<String, String> machine) {

    /**
     * One timed job.
     *
     * @param config the set-up, as {@code --configs} writes it
     * @param providers agents in the set-up
     * @param submitSeconds from the job's creation to its success (the coordinator's timestamps)
     * @param claimSeconds from the first attempt's assignment to the job's success
     * @param itemsByProvider items of the successful attempts, by agent name
     * @param agentCpuSeconds CPU time the agent processes used during the job
     * @param busyCpus the whole machine's average busy CPUs during the job (every process, this one included)
     * @param attempts attempts of the job's tasks, verification replicas included
     */
    record Run(String config, int providers, int rep, String state, int items, int tasks, double submitSeconds, double claimSeconds,
               Map<String, Integer> itemsByProvider, double agentCpuSeconds, double busyCpus, String loadAverage, int attempts) {
        double submitRate() {
            return items / submitSeconds;
        }

        double claimRate() {
            return items / claimSeconds;
        }

        /** Items per CPU-second of the agents. */
        double itemsPerCpuSecond() {
            return agentCpuSeconds > 0 ? items / agentCpuSeconds : Double.NaN;
        }
    }

    /** Items of task {@code task} of a job of {@code items} split {@code shard} per task. */
    static int itemsOf(int task, int items, int shard) {
        long from = (long) task * shard;
        return (int) Math.max(0, Math.min(items, from + shard) - from);
    }

    /** rate(N providers) / (N × rate(1 provider)). */
    static double efficiency(double rateN, int n, double rate1) {
        return rateN / (n * rate1);
    }

    static double median(double... values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        if (n == 0) return Double.NaN;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** The runs of each set-up, in the order first seen. */
    Map<String, List<Run>> byConfig() {
        Map<String, List<Run>> m = new LinkedHashMap<>();
        for (Run r : runs) m.computeIfAbsent(r.config(), k -> new ArrayList<>()).add(r);
        return m;
    }

    void print(PrintStream out) {
        out.println("machine: " + machine.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
        out.println();
        out.println("| set-up | rep | state | items | tasks | attempts | s from submit | items/s from submit | s from 1st claim | items/s from 1st claim | items per provider | agents' CPU s | items per agent CPU-s | busy CPUs | load avg |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Run r : runs) {
            out.printf(Locale.ROOT, "| %s | %d | %s | %d | %d | %d | %.2f | %.1f | %.2f | %.1f | %s | %.1f | %.1f | %.2f | %s |%n", r.config(), r.rep(), r.state(),
                    r.items(), r.tasks(), r.attempts(), r.submitSeconds(), r.submitRate(), r.claimSeconds(), r.claimRate(),
                    r.itemsByProvider().values().stream().map(String::valueOf).collect(Collectors.joining(" / ")), r.agentCpuSeconds(),
                    r.itemsPerCpuSecond(), r.busyCpus(), r.loadAverage());
        }
        out.println();
        Map<String, double[]> submit = new LinkedHashMap<>(), claim = new LinkedHashMap<>();
        Map<String, Integer> providers = new LinkedHashMap<>();
        out.println("| set-up | runs | median items/s from submit (min-max) | median items/s from 1st claim (min-max) | median items per agent CPU-s |");
        out.println("|---|---|---|---|---|");
        byConfig().forEach((config, rs) -> {
            double[] s = rs.stream().mapToDouble(Run::submitRate).toArray(), c = rs.stream().mapToDouble(Run::claimRate).toArray();
            submit.put(config, s);
            claim.put(config, c);
            providers.put(config, rs.getFirst().providers());
            out.printf(Locale.ROOT, "| %s | %d | %.1f (%.1f-%.1f) | %.1f (%.1f-%.1f) | %.1f |%n", config, rs.size(), median(s), min(s), max(s), median(c), min(c), max(c),
                    median(rs.stream().mapToDouble(Run::itemsPerCpuSecond).toArray()));
        });
        out.println();
        out.println("| scaling efficiency | from submit | from 1st claim |");
        out.println("|---|---|---|");
        for (String one : providers.keySet()) {
            if (providers.get(one) != 1) continue;
            for (String many : providers.keySet()) {
                int n = providers.get(many);
                if (n < 2 || !verifyOf(one).equals(verifyOf(many))) continue;
                out.printf(Locale.ROOT, "| %s vs %s | %.2f | %.2f |%n", many, one, efficiency(median(submit.get(many)), n, median(submit.get(one))),
                        efficiency(median(claim.get(many)), n, median(claim.get(one))));
            }
        }
    }

    private static String verifyOf(String config) {
        int colon = config.indexOf(':');
        return colon < 0 ? "none" : config.substring(colon + 1);
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
