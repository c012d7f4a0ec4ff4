package org.gridmint.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.gridmint.api.AttemptView;
import org.gridmint.api.JobView;
import org.gridmint.api.TaskView;
import org.gridmint.api.auth.Identity;
import org.gridmint.client.GridmintClient;
import org.gridmint.client.JobStates;
import org.gridmint.coordinator.Coordinator;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.core.spec.JobSpecDraft;

/**
 * Batch embedding throughput with real processes: for each set-up of {@link EmbedBatchOptions} and each repetition, a fresh
 * coordinator in this JVM and P real {@code gridmint provider} agent JVMs (as in production: each its own account, serving
 * only the int8 model on the CPU, S tasks at a time, {@code GRIDMINT_EMBED_THREADS} set to its compute threads). A warm-up
 * embed job loads the model in every agent (a provider serving a stream of jobs has it loaded); then one embed job is timed
 * from submission and from the first claim to success. See BENCHMARKS.md, "Embedding batch jobs (issue 6)".
 */
public final class EmbedBatchBench {
    private static final Duration REGISTRATION = Duration.ofSeconds(180);
    private static final String EMBED_THREADS_ENV = "GRIDMINT_EMBED_THREADS";

    private EmbedBatchBench() {}

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(EmbedBatchOptions.USAGE);
            return;
        }
        EmbedBatchOptions o;
        try {
            o = EmbedBatchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(EmbedBatchOptions.USAGE);
            System.exit(2);
            return;
        }
        List<String> items = items(o);
        Map<String, String> machine = machine(o);
        machine.put("loadavgAtStart", loadAverage());
        List<EmbedBatchReport.Run> runs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int rep = 1; rep <= o.reps(); rep++) {
            for (EmbedBatchOptions.Config c : o.configs()) runs.add(run(o, c, rep, items, System.err, t0));
        }
        machine.put("loadavgAtEnd", loadAverage());
        EmbedBatchReport report = new EmbedBatchReport(runs, machine);
        report.print(System.out);
        System.exit(runs.stream().allMatch(r -> r.state().equals(JobStates.SUCCEEDED)) ? 0 : 1);
    }

    /** The measured job's items: the first {@code items} non-blank lines of the input file, or generated sentences. */
    static List<String> items(EmbedBatchOptions o) throws IOException {
        if (o.input() == null) return sentences(o.items(), new Random(o.seed()));
        List<String> lines = Files.readAllLines(o.input(), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        if (lines.size() < o.items()) throw new IllegalArgumentException("--input " + o.input() + " holds " + lines.size() + " items, fewer than --items " + o.items());
        return lines.subList(0, o.items());
    }

    /** One set-up, once: fresh coordinator and agents, a warm-up job, the timed job. */
    static EmbedBatchReport.Run run(EmbedBatchOptions o, EmbedBatchOptions.Config c, int rep, List<String> items, PrintStream log, long t0) throws Exception {
        Path dir = Files.createTempDirectory("gridmint-embed-bench-");
        Files.write(dir.resolve("input.txt"), items, StandardCharsets.UTF_8);
        Files.write(dir.resolve("warmup.txt"), items.subList(0, Math.min(items.size(), 4 * c.providers())), StandardCharsets.UTF_8);
        CoordinatorConfig config = CoordinatorConfig.defaults(dir.resolve("coordinator")).withPort(0).withDevFaucet(true);
        try (Coordinator coordinator = new Coordinator(config, InstantSource.system()).start();
             ProviderAgents agents = new ProviderAgents(o.agentHeap(), dir);
             GridmintClient client = new GridmintClient(URI.create(coordinator.url()), Identity.loadOrCreate(dir.resolve("client")))) {
            URI url = URI.create(coordinator.url());
            say(log, t0, "%s rep %d: coordinator on %s; %d agent(s) start", c.label(), rep, url, c.providers());
            Map<String, String> env = c.threads() == 0 ? Map.of() : Map.of(EMBED_THREADS_ENV, String.valueOf(c.threads()));
            List<String> flags = List.of("--models", EmbedBatchOptions.MODEL, "--device", "cpu", "--no-online");
            for (int i = 1; i <= c.providers(); i++) {
                String name = String.format(Locale.ROOT, "embed-%02d", i);
                agents.launch(url, name, dir.resolve("agents").resolve(name), c.slots(), null, flags, env);
            }
            Map<String, String> names = new HashMap<>();
            for (ProviderAgents.Agent a : agents.all()) names.put(agents.awaitRegistered(a, REGISTRATION), a.name);
            client.faucet(new BigDecimal("5000"), "embed-bench-client");
            JobView warm = runJob(client, spec("warmup", "warmup.txt", 1, "none"), dir, o.timeout());
            say(log, t0, "warm-up %s; it ran on %d of %d agents", warm.state(), byProvider(warm, names, 1, 1).size(), c.providers());
            Map<ProviderAgents.Agent, Long> cpu0 = cpuNanos(agents);
            MachineLoad m0 = MachineLoad.now();
            JobView job = runJob(client, spec("measured", "input.txt", o.shard(), c.verify()), dir, o.timeout());
            MachineLoad m1 = MachineLoad.now();
            Map<ProviderAgents.Agent, Long> cpu1 = cpuNanos(agents);
            long cpu = 0;
            for (var e : cpu1.entrySet()) cpu += e.getValue() - cpu0.getOrDefault(e.getKey(), 0L);
            if (!agents.dead().isEmpty()) say(log, t0, "WARNING: agents died: %s", agents.dead());
            EmbedBatchReport.Run r = figures(c, rep, job, names, items.size(), o.shard(), cpu / 1e9,
                    m1.busyCpusSince(m0, Runtime.getRuntime().availableProcessors()), loadAverage());
            say(log, t0, "%s rep %d: %s, %d items in %.2f s from submit (%.1f items/s), %.2f s from 1st claim (%.1f items/s), per provider %s",
                    c.label(), rep, r.state(), r.items(), r.submitSeconds(), r.submitRate(), r.claimSeconds(), r.claimRate(), r.itemsByProvider());
            return r;
        } finally {
            if (o.keepData()) log.println("kept " + dir);
            else deleteTree(dir);
        }
    }

    /** An embed job over {@code input}; speculative backups off, so that the only extra attempts are verification's and retries'. */
    static JobSpecDraft spec(String name, String input, int shard, String verify) {
        return new JobSpecDraft(name, "embed", null, null, null, null, null, null, null, null, 2, null, null, null,
                new JobSpecDraft.SpeculationDraft(false, null, null), JobSpecDraft.VerifyDraft.ofPolicy(verify), null, EmbedBatchOptions.MODEL, input,
                shard, null, null);
    }

    private static JobView runJob(GridmintClient client, JobSpecDraft spec, Path dir, Duration timeout) throws InterruptedException {
        JobView job = client.submit(spec, dir);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!JobStates.isFinal(job.state()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            job = client.job(job.id());
        }
        if (!JobStates.isFinal(job.state())) {
            client.cancel(job.id());
            job = client.job(job.id());
        }
        return job;
    }

    /** The timed job's figures, from the coordinator's timestamps (its clock is this JVM's). */
    static EmbedBatchReport.Run figures(EmbedBatchOptions.Config c, int rep, JobView job, Map<String, String> names, int items, int shard, double cpuSeconds,
                                        double busyCpus, String loadAverage) {
        Instant end = job.finishedAt() != null ? job.finishedAt() : job.updatedAt();
        Instant firstClaim = job.tasks().stream().flatMap(t -> t.attempts().stream()).map(AttemptView::assignedAt)
                .filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElse(job.createdAt());
        int attempts = job.tasks().stream().mapToInt(t -> t.attempts().size()).sum();
        return new EmbedBatchReport.Run(c.label(), c.providers(), rep, job.state(), items, job.tasks().size(), seconds(job.createdAt(), end),
                seconds(firstClaim, end), byProvider(job, names, items, shard), cpuSeconds, busyCpus, loadAverage, attempts);
    }

    /** Items of the successful attempts by agent name (every agent listed, in name order, even with none). */
    static Map<String, Integer> byProvider(JobView job, Map<String, String> names, int items, int shard) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (TaskView t : job.tasks()) {
            for (AttemptView a : t.attempts()) {
                if (!"SUCCEEDED".equals(a.state())) continue;
                out.merge(names.getOrDefault(a.providerId(), a.providerId()), EmbedBatchReport.itemsOf(t.index(), items, shard), Integer::sum);
            }
        }
        return out;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private static Map<ProviderAgents.Agent, Long> cpuNanos(ProviderAgents agents) {
        Map<ProviderAgents.Agent, Long> m = new HashMap<>();
        for (ProviderAgents.Agent a : agents.all()) a.process.info().totalCpuDuration().ifPresent(d -> m.put(a, d.toNanos()));
        return m;
    }

    private static final String[] SUBJECTS = ("the river|a small bank|the provider|every student|the old city|a quiet musician|the market|"
            + "our network|the summer storm|a careful reader|the tall mountain|the coordinator|a young scientist|the winter train").split("\\|");
    private static final String[] VERBS = ("crosses|pays for|checks|reads about|builds|finds|remembers|sends|learns from|watches|sells|paints")
            .split("\\|");
    private static final String[] OBJECTS = ("the green valley|a heavy loan|every task in the queue|an ancient history of music|the price of bread|"
            + "a vector of numbers|the blue harbour|the result of the vote|a letter from home|the fast machine|the long winter|a map of the stars")
            .split("\\|");
    private static final String[] TAILS = ("before dawn|after the rain|with great care|for the third time|while the city sleeps|"
            + "because the weather changed|without asking anyone|as the prices rise|near the old bridge|during the festival").split("\\|");

    /** {@code n} sentences of 5 to about 30 words, varied and fixed by {@code random}'s seed, like short documents or glosses. */
    static List<String> sentences(int n, Random random) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder s = new StringBuilder();
            int clauses = 1 + random.nextInt(3);
            for (int k = 0; k < clauses; k++) {
                if (k > 0) s.append(random.nextBoolean() ? ", and " : "; then ");
                s.append(pick(SUBJECTS, random)).append(' ').append(pick(VERBS, random)).append(' ').append(pick(OBJECTS, random));
                if (random.nextBoolean()) s.append(' ').append(pick(TAILS, random));
            }
            out.add(Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".");
        }
        return out;
    }

    private static String pick(String[] words, Random random) {
        return words[random.nextInt(words.length)];
    }

    /** The machine the figures came from, as BENCHMARKS.md states it. */
    private static Map<String, String> machine(EmbedBatchOptions o) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cpus", String.valueOf(Runtime.getRuntime().availableProcessors()));
        String model = "unknown";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
            model = lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(model);
        } catch (IOException | RuntimeException e) {
            // Not Linux: the model stays unknown.
        }
        m.put("cpuModel", model);
        m.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        m.put("run", "--configs " + o.configsLabel() + " --reps " + o.reps() + " --items " + o.items() + " --shard " + o.shard()
                + (o.input() == null ? " (generated sentences, seed " + o.seed() + ")" : " --input " + o.input()) + ", agents -Xmx" + o.agentHeap());
        return m;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).strip().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void say(PrintStream log, long t0, String format, Object... args) {
        log.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - t0) / 1e9, String.format(Locale.ROOT, format, args));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
