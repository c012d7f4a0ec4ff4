package org.gridmint.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The flags of {@link EmbedBatchBench}, parsed and checked.
 *
 * @param configs the set-ups to measure, each run {@code reps} times; the runs interleave (every set-up once per round), so
 *     that a change in the machine's load falls on all of them alike
 * @param input a text file, one item per line; null for {@code items} generated sentences
 * @param items items of the measured job (the first {@code items} lines of {@code input})
 * @param shard items per task
 */
public record EmbedBatchOptions(List<Config> configs, int reps, int items, int shard, Path input, long seed, String agentHeap, Duration timeout,
                                boolean keepData) {

    public static final String MODEL = "all-minilm-l6-v2-q";
    static final int MAX_PROVIDERS = 64;

    public static final String USAGE = """
            usage: java -cp <gridmint-bench class path> org.gridmint.bench.EmbedBatchBench [options]
            For each set-up and repetition: a fresh coordinator (in this JVM, SQLite in a temp dir, dev faucet) and real
            `gridmint provider` agent processes serving only all-minilm-l6-v2-q on the CPU, S tasks at a time (--slots S), each
            with GRIDMINT_EMBED_THREADS set to its compute threads; a small warm-up embed job loads the model in every agent, then
            one embed job of --items items is timed. Reports items/s from submission to success and from the first claim to
            success, each provider's share, the agents' CPU time, and the scaling efficiency rate(N) / (N x rate(1)).
              --configs LIST   set-ups, comma-separated, each PxT[sS][:VERIFY]: P providers with T compute threads each (T = d
                               for ONNX Runtime's default, one per core), running S tasks at once (--slots, default 1),
                               VERIFY none (default) or adaptive (default 1x2,1x1,2x1)
              --reps N         repetitions of every set-up, interleaved (default 3)
              --items N        items of the measured job (default 4000)
              --shard N        items per task (default 100)
              --input FILE     text file, one item per line (default: N sentences generated from --seed)
              --seed N         picks the generated sentences (default 6)
              --agent-heap X   -Xmx of each agent process (default 256m)
              --timeout-s S    give up on a job after S seconds (default 600)
              --keep-data      leave the temp dirs (coordinator data, agents' data dirs and logs) in place
              --help           this text
            """;

    /**
     * One set-up: {@code providers} agents with {@code threads} intra-op threads each (0: ONNX Runtime's default), each running
     * {@code slots} tasks at once, verifying {@code verify}.
     */
    public record Config(int providers, int threads, int slots, String verify) {
        public Config(int providers, int threads, String verify) {
            this(providers, threads, 1, verify);
        }

        public Config {
            if (slots < 1 || slots > 64) throw new IllegalArgumentException("--configs: slots must be between 1 and 64, was " + slots);
            if (providers < 1 || providers > MAX_PROVIDERS)
                throw new IllegalArgumentException("--configs: providers must be between 1 and " + MAX_PROVIDERS + ", was " + providers);
            if (threads < 0 || threads > 256) throw new IllegalArgumentException("--configs: threads must be d or between 1 and 256, was " + threads);
            if (!verify.equals("none") && !verify.equals("adaptive"))
                throw new IllegalArgumentException("--configs: verify must be none or adaptive, was '" + verify + "'");
        }

        /** {@code PxT[sS][:VERIFY]}, e.g. {@code 2x1}, {@code 1x1s2} or {@code 1xd:adaptive}. */
        static Config parse(String s) {
            String bad = "--configs: '" + s + "' is not PxT[sS][:VERIFY], e.g. 2x1, 1x1s2 or 1xd:adaptive";
            String[] parts = s.strip().split(":", -1);
            String[] ts = parts[0].split("s", -1);
            String[] pt = ts[0].split("x", -1);
            if (parts.length > 2 || ts.length > 2 || pt.length != 2) throw new IllegalArgumentException(bad);
            try {
                int threads = pt[1].equals("d") ? 0 : Integer.parseInt(pt[1]);
                int slots = ts.length == 2 ? Integer.parseInt(ts[1]) : 1;
                return new Config(Integer.parseInt(pt[0]), threads, slots, parts.length == 2 ? parts[1] : "none");
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(bad);
            }
        }

        /** As the flag writes it. */
        String label() {
            return providers + "x" + (threads == 0 ? "d" : String.valueOf(threads)) + (slots == 1 ? "" : "s" + slots) + (verify.equals("none") ? "" : ":" + verify);
        }
    }

    public EmbedBatchOptions {
        if (configs == null || configs.isEmpty()) throw new IllegalArgumentException("--configs must name at least one set-up");
        configs = List.copyOf(configs);
        if (reps < 1 || reps > 100) throw new IllegalArgumentException("--reps must be between 1 and 100, was " + reps);
        if (items < 1 || items > 1_000_000) throw new IllegalArgumentException("--items must be between 1 and 1000000, was " + items);
        if (shard < 1 || shard > 10_000) throw new IllegalArgumentException("--shard must be between 1 and 10000, was " + shard);
        if (seed < 0) throw new IllegalArgumentException("--seed must be >= 0, was " + seed);
        if (agentHeap == null || !agentHeap.matches("[1-9][0-9]*[mMgG]")) throw new IllegalArgumentException("--agent-heap must be like 256m or 1g, was " + agentHeap);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("--timeout-s must be positive");
    }

    static EmbedBatchOptions parse(String... args) {
        List<Config> configs = List.of(Config.parse("1x2"), Config.parse("1x1"), Config.parse("2x1"));
        int reps = 3, items = 4000, shard = 100;
        Path input = null;
        long seed = 6, timeout = 600;
        String heap = "256m";
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--keep-data")) {
                keep = true;
                continue;
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException(flag + " needs a value");
            String v = args[++i];
            switch (flag) {
                case "--configs" -> {
                    List<Config> cs = new ArrayList<>();
                    for (String c : v.split(",", -1)) cs.add(Config.parse(c));
                    configs = cs;
                }
                case "--reps" -> reps = integer(flag, v);
                case "--items" -> items = integer(flag, v);
                case "--shard" -> shard = integer(flag, v);
                case "--input" -> input = Path.of(v);
                case "--seed" -> seed = integer(flag, v);
                case "--agent-heap" -> heap = v;
                case "--timeout-s" -> timeout = integer(flag, v);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        return new EmbedBatchOptions(configs, reps, items, shard, input, seed, heap, Duration.ofSeconds(timeout), keep);
    }

    private static int integer(String flag, String v) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, was '" + v + "'");
        }
    }

    /** The run's set-ups as the flag writes them. */
    String configsLabel() {
        return String.join(",", configs.stream().map(Config::label).toList()).toLowerCase(Locale.ROOT);
    }
}
