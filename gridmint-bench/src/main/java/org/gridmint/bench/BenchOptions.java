package org.gridmint.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The flags of {@link ThroughputBench}, parsed and checked. */
public record BenchOptions(
        Mode mode,
        int tasks,
        int jobs,
        int agents,
        int batch,
        long waitMillis,
        int warmup,
        Duration timeout,
        String agentJvmHeap,
        boolean keepData) {

    /** Where the agents run and how they reach the coordinator. */
    public enum Mode {
        /** Agent threads in the coordinator's JVM, over loopback HTTP. */
        HTTP("http"),
        /** Agent threads calling the coordinator's work service directly: the store without HTTP. */
        IN_PROCESS("in-process"),
        /** Agent threads in a second JVM, over loopback HTTP. */
        AGENT_JVM("agent-jvm");

        final String flag;

        Mode(String flag) {
            this.flag = flag;
        }

        static Mode parse(String s) {
            for (Mode m : values()) if (m.flag.equals(s)) return m;
            throw new IllegalArgumentException("--mode must be one of http, in-process, agent-jvm; was '" + s + "'");
        }
    }

    public static final String USAGE = """
            usage: java -Xmx1g --enable-native-access=ALL-UNNAMED -jar gridmint-bench.jar [options]
              --mode http|in-process|agent-jvm  where the agents run (default http)
              --tasks N        no-op tasks to complete in the measured phase (default 20000)
              --jobs N         jobs the tasks are split over (default 1)
              --agents N       agent threads, each a registered provider (default 4)
              --batch N        maxTasks per claim; each provider gets this many slots (default 16)
              --wait MS        claim long-poll waitMillis (default 1000)
              --warmup N       tasks of an unmeasured job run first, to warm the JIT (default 2000; 0 for none)
              --timeout-s S    give up on a phase after S seconds (default 600)
              --agent-heap X   -Xmx of the agent JVM in agent-jvm mode (default 512m)
              --keep-data      leave the coordinator's temp data dir in place
            """;

    public BenchOptions {
        if (tasks < 1 || tasks > 1_000_000) throw new IllegalArgumentException("--tasks must be between 1 and 1000000, was " + tasks);
        if (jobs < 1 || jobs > tasks) throw new IllegalArgumentException("--jobs must be between 1 and --tasks, was " + jobs);
        if ((tasks + jobs - 1) / jobs > 100_000) throw new IllegalArgumentException("a job holds at most 100000 tasks: raise --jobs");
        if (agents < 1 || agents > 256) throw new IllegalArgumentException("--agents must be between 1 and 256, was " + agents);
        if (batch < 1 || batch > 1024) throw new IllegalArgumentException("--batch must be between 1 and 1024, was " + batch);
        if (waitMillis < 0 || waitMillis > 60_000) throw new IllegalArgumentException("--wait must be between 0 and 60000, was " + waitMillis);
        if (warmup < 0 || warmup > 100_000) throw new IllegalArgumentException("--warmup must be between 0 and 100000, was " + warmup);
    }

    public static BenchOptions defaults() {
        return new BenchOptions(Mode.HTTP, 20_000, 1, 4, 16, 1000, 2000, Duration.ofMinutes(10), "512m", false);
    }

    public static BenchOptions parse(String... args) {
        Mode mode = Mode.HTTP;
        BenchOptions d = defaults();
        int tasks = d.tasks, jobs = d.jobs, agents = d.agents, batch = d.batch, warmup = d.warmup;
        long wait = d.waitMillis, timeoutS = d.timeout.toSeconds();
        String heap = d.agentJvmHeap;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--mode" -> mode = Mode.parse(value(args, ++i, a));
                case "--tasks" -> tasks = intValue(args, ++i, a);
                case "--jobs" -> jobs = intValue(args, ++i, a);
                case "--agents" -> agents = intValue(args, ++i, a);
                case "--batch" -> batch = intValue(args, ++i, a);
                case "--wait" -> wait = intValue(args, ++i, a);
                case "--warmup" -> warmup = intValue(args, ++i, a);
                case "--timeout-s" -> timeoutS = intValue(args, ++i, a);
                case "--agent-heap" -> heap = value(args, ++i, a);
                case "--keep-data" -> keep = true;
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (timeoutS < 1) throw new IllegalArgumentException("--timeout-s must be at least 1, was " + timeoutS);
        if (!heap.matches("[0-9]+[kKmMgG]?")) throw new IllegalArgumentException("--agent-heap must look like 512m, was '" + heap + "'");
        return new BenchOptions(mode, tasks, jobs, agents, batch, wait, warmup, Duration.ofSeconds(timeoutS), heap, keep);
    }

    /** How many tasks each of {@code jobs} jobs gets so that they add up to {@code tasks}. */
    static List<Integer> split(int tasks, int jobs) {
        List<Integer> sizes = new ArrayList<>(jobs);
        for (int j = 0; j < jobs; j++) sizes.add(tasks / jobs + (j < tasks % jobs ? 1 : 0));
        return sizes;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) throw new IllegalArgumentException(flag + " needs a value");
        return args[i];
    }

    private static int intValue(String[] args, int i, String flag) {
        String v = value(args, i, flag);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be an integer, was '" + v + "'");
        }
    }
}
