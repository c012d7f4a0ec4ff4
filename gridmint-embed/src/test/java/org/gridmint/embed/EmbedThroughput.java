package org.gridmint.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sentences per second of each model at several call sizes, by hand (not a test; it asserts nothing and is not run by
 * the build). Usage, from the repository root after {@code ./mvnw -B -o -q -pl gridmint-embed -am test-compile}:
 * {@code java -cp "gridmint-embed/target/test-classes:gridmint-embed/target/classes:$(cat cp.txt)" org.gridmint.embed.EmbedThroughput [seconds] [threads]}
 * where cp.txt comes from {@code ./mvnw -B -o -q -pl gridmint-embed dependency:build-classpath -Dmdep.outputFile=$PWD/cp.txt}.
 */
public final class EmbedThroughput {
    private static final String[] WORDS = ("the a network provider job model vector compute machine price credit task "
            + "result token sentence river mountain city music history science market bank weather summer winter "
            + "fast slow small large green blue runs reads writes pays checks sends keeps finds learns builds").split(" ");

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        List<String> corpus = corpus(4096, new Random(6));
        System.out.printf("cores=%d threads=%d seconds=%.0f loadavg=%s%n", Runtime.getRuntime().availableProcessors(),
                threads, seconds, new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).strip());
        for (ModelInfo model : ModelCatalog.all()) {
            try (Embedder e = Embedder.load(model.name(), DevicePreference.AUTO)) {
                e.embed(corpus.subList(0, 64)); // warm-up
                for (int call : new int[] {1, 32, 64}) {
                    System.out.printf("%-20s %s call=%-3d %s%n", model.name(), e.device().wireName(), call,
                            rate(e, corpus, call, seconds, threads));
                }
            }
        }
        // For comparison only: the int8 model in padded batches, as it does not run (its vectors would depend on the batch).
        for (int call : new int[] {32, 64}) {
            try (Embedder e = Embedder.load(ModelCatalog.DEFAULT, DevicePreference.AUTO, call)) {
                e.embed(corpus.subList(0, 64));
                System.out.printf("%-20s %s call=%-3d %s (padded batches of %d, not used)%n", e.model().name(),
                        e.device().wireName(), call, rate(e, corpus, call, seconds, threads), call);
            }
        }
    }

    /**
     * Sentences per wall-clock second when {@code threads} callers each embed {@code call} sentences at a time for
     * {@code seconds}, and per CPU-second of this process (steadier than wall time on a machine others are loading).
     */
    static String rate(Embedder e, List<String> corpus, int call, double seconds, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long end = System.nanoTime() + (long) (seconds * 1e9);
            long start = System.nanoTime();
            long cpuStart = cpuNanos();
            List<Future<Long>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * 512;
                done.add(pool.submit(() -> {
                    long n = 0;
                    for (int i = offset; System.nanoTime() < end; i = (i + call) % (corpus.size() - call)) {
                        n += e.embed(corpus.subList(i, i + call)).length;
                    }
                    return n;
                }));
            }
            long n = 0;
            for (Future<Long> f : done) n += f.get();
            double wall = (System.nanoTime() - start) / 1e9;
            double cpu = (cpuNanos() - cpuStart) / 1e9;
            return String.format("%7.0f sentences/s  %7.0f per CPU-second", n / wall, n / cpu);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Sentences of 6 to 30 words, like short documents or search queries. */
    static List<String> corpus(int n, Random random) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder s = new StringBuilder();
            int words = 6 + random.nextInt(25);
            for (int w = 0; w < words; w++) s.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            out.add(s.append('.').toString());
        }
        return out;
    }
}
