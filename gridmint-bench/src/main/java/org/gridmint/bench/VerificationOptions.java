package org.gridmint.bench;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The flags of {@link VerificationRun}, parsed and checked.
 *
 * @param cheatersPct the share of providers that cheat, in percent; {@link #cheaters()} rounds it half up to whole agents
 * @param warmupTasks tasks of an adaptive job that the honest providers run before the cheaters join, so that they come to
 *     the measured job with a record (trust), as an established network's providers do; 0 for none
 * @param taskMillis how long each task sleeps, so that a task's runtime is not zero
 */
public record VerificationOptions(
        int providers,
        int cheatersPct,
        int tasks,
        int warmupTasks,
        long seed,
        int slots,
        long taskMillis,
        BigDecimal stake,
        Duration heartbeat,
        Duration slashQuarantine,
        Duration timeout,
        String agentHeap,
        boolean json,
        boolean keepData) {

    public static final String USAGE = """
            usage: java -cp gridmint-bench.jar org.gridmint.bench.VerificationRun [options]
            Starts a coordinator (in this JVM, SQLite in a temp dir, dev faucet) and real `gridmint provider` agent processes,
            some of them cheating (--inject-wrong-results 1.0), runs one job with `verify: none` on the honest agents (the
            baseline) and one with `verify: adaptive` on all of them, and reports the verification's compute overhead,
            wrong results produced, accepted and caught, and the cheaters slashed and quarantined.
              --providers N        provider agent processes in all (default 10)
              --cheaters-pct P     percent of them that cheat, 0..100, rounded half up to whole agents (default 20)
              --tasks N            tasks of the baseline job and of the verified job (default 100)
              --warmup-tasks N     tasks of an adaptive job the honest agents run first, to earn trust (default 8 per honest agent;
                                   0 for none: every provider then starts untrusted)
              --seed N             picks the tasks' values and the cheaters' fault seeds (default 1)
              --slots N            tasks each agent runs at once (default 1)
              --task-ms MS         how long each task sleeps (default 200)
              --stake CREDITS      what each provider stakes (default 50)
              --heartbeat D        the coordinator's heartbeat interval (default 2s)
              --slash-quarantine D how long a slashed provider gets no work (default 5s: short, so that a cheater comes back and
                                   is caught again, which gives more wrong results to count)
              --timeout-s S        give up on a job after S seconds (default 300)
              --agent-heap X       -Xmx of each agent process (default 128m)
              --json               print the report on stdout as one JSON document (the table then goes to stderr, with the progress)
              --keep-data          leave the temp dir (coordinator data, agents' data dirs and logs) in place
              --help               this text
            """;

    public VerificationOptions {
        if (providers < 2 || providers > 200) throw new IllegalArgumentException("--providers must be between 2 and 200, was " + providers);
        if (cheatersPct < 0 || cheatersPct > 100) throw new IllegalArgumentException("--cheaters-pct must be between 0 and 100, was " + cheatersPct);
        if (tasks < 1 || tasks > 100_000) throw new IllegalArgumentException("--tasks must be between 1 and 100000, was " + tasks);
        if (warmupTasks < 0 || warmupTasks > 100_000) throw new IllegalArgumentException("--warmup-tasks must be between 0 and 100000, was " + warmupTasks);
        if (seed < 0) throw new IllegalArgumentException("--seed must be >= 0, was " + seed);
        if (slots < 1 || slots > 64) throw new IllegalArgumentException("--slots must be between 1 and 64, was " + slots);
        if (taskMillis < 0 || taskMillis > 60_000) throw new IllegalArgumentException("--task-ms must be between 0 and 60000, was " + taskMillis);
        if (stake.signum() < 0) throw new IllegalArgumentException("--stake must be >= 0, was " + stake);
        // The parameters, not cheaters(): a compact constructor assigns the fields only after its body.
        if (providers - (providers * cheatersPct + 50) / 100 < 2)
            throw new IllegalArgumentException("--cheaters-pct " + cheatersPct + " of --providers " + providers
                    + " leaves fewer than 2 honest providers: a verified result needs two that agree");
        if (!agentHeap.matches("[0-9]+[kKmMgG]?")) throw new IllegalArgumentException("--agent-heap must look like 128m, was '" + agentHeap + "'");
    }

    /** How many agents cheat: {@code providers × cheatersPct / 100}, rounded half up. */
    public int cheaters() {
        return (providers * cheatersPct + 50) / 100;
    }

    public int honest() {
        return providers - cheaters();
    }

    /** The share asked for in agents, unrounded (e.g. 0.5 for 5% of 10), to state the rounding. */
    public double exactCheaters() {
        return providers * cheatersPct / 100.0;
    }

    public static VerificationOptions parse(String... args) {
        int providers = 10, pct = 20, tasks = 100, slots = 1;
        Integer warmup = null;
        long seed = 1, taskMs = 200, timeoutS = 300;
        BigDecimal stake = new BigDecimal("50");
        Duration heartbeat = Duration.ofSeconds(2), quarantine = Duration.ofSeconds(5);
        String heap = "128m";
        boolean json = false, keep = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--providers" -> providers = (int) number(args, ++i, a);
                case "--cheaters-pct" -> pct = (int) number(args, ++i, a);
                case "--tasks" -> tasks = (int) number(args, ++i, a);
                case "--warmup-tasks" -> warmup = (int) number(args, ++i, a);
                case "--seed" -> seed = number(args, ++i, a);
                case "--slots" -> slots = (int) number(args, ++i, a);
                case "--task-ms" -> taskMs = number(args, ++i, a);
                case "--stake" -> stake = decimal(args, ++i, a);
                case "--heartbeat" -> heartbeat = duration(args, ++i, a);
                case "--slash-quarantine" -> quarantine = duration(args, ++i, a);
                case "--timeout-s" -> timeoutS = number(args, ++i, a);
                case "--agent-heap" -> heap = value(args, ++i, a);
                case "--json" -> json = true;
                case "--keep-data" -> keep = true;
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (timeoutS < 1) throw new IllegalArgumentException("--timeout-s must be at least 1, was " + timeoutS);
        int honest = providers - (providers * pct + 50) / 100;
        return new VerificationOptions(providers, pct, tasks, warmup != null ? warmup : 8 * Math.max(0, honest), seed, slots, taskMs, stake, heartbeat,
                quarantine, Duration.ofSeconds(timeoutS), heap, json, keep);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) throw new IllegalArgumentException(flag + " needs a value");
        return args[i];
    }

    private static long number(String[] args, int i, String flag) {
        String v = value(args, i, flag);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be an integer, was '" + v + "'");
        }
    }

    private static BigDecimal decimal(String[] args, int i, String flag) {
        String v = value(args, i, flag);
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number of credits, was '" + v + "'");
        }
    }

    /** {@code 500ms}, {@code 20s}, {@code 5m}. */
    private static Duration duration(String[] args, int i, String flag) {
        String v = value(args, i, flag);
        var m = java.util.regex.Pattern.compile("([0-9]+)(ms|s|m)").matcher(v);
        if (!m.matches()) throw new IllegalArgumentException(flag + " must look like 500ms, 20s or 5m, was '" + v + "'");
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }
}
