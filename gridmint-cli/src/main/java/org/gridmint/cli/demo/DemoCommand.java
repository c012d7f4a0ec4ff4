package org.gridmint.cli.demo;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.gridmint.api.JobBill;
import org.gridmint.api.JobView;
import org.gridmint.api.ProviderView;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.json.JobSpecFiles;
import org.gridmint.cli.CliContext;
import org.gridmint.cli.CliException;
import org.gridmint.cli.DurationConverter;
import org.gridmint.cli.job.JobWatcher;
import org.gridmint.client.GridmintClient;
import org.gridmint.coordinator.Coordinator;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.coordinator.ledger.LedgerVerifier;
import org.gridmint.core.spec.Durations;
import org.gridmint.embed.DevicePreference;
import org.gridmint.embed.Embedder;
import org.gridmint.embed.ModelRegistry;
import org.gridmint.embed.Vectors;
import org.gridmint.provider.agent.AgentConfig;
import org.gridmint.provider.agent.ProviderAgent;
import org.gridmint.provider.hardware.NvidiaSmiProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gridmint demo}: a coordinator and four provider agents serving an embedding model in this process, a batch
 * embed job over 3,000 WordNet glosses shipped in the jar, one provider killed mid-task and brought back, a summary
 * and bill, and semantic-search answers over the returned vectors, a spread of which is checked against the demo's own
 * run of the model.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a whole Gridmint network in this process and a real embedding job on it, with a provider that dies mid-task.",
                "Starts a coordinator on a free loopback port with a fresh data dir and four provider agents that serve all-MiniLM-L6-v2",
                "(int8) and ask different prices, submits a batch job that embeds 3,000 WordNet glosses (examples/embed, 128 per task),",
                "kills one provider mid-task (it comes back), shows live progress, the summary, the bill and the ledger audit, downloads",
                "the vectors in input order and answers a few semantic-search queries over them. Exits 0 only if every task succeeded,",
                "the sampled vectors equal the demo's own run of the model, and the ledger balances."})
public final class DemoCommand implements Callable<Integer> {
    /** The demo's providers: name, ask per hour, slots. The cheapest one is the one that dies. */
    record DemoProvider(String name, String price, int slots) {}

    static final List<DemoProvider> PROVIDERS = List.of(
            new DemoProvider("flaky-fox", "0.12", 2),
            new DemoProvider("steady-owl", "0.18", 2),
            new DemoProvider("busy-bee", "0.25", 2),
            new DemoProvider("pricey-yak", "0.40", 2));

    /** Every how many items the demo compares a returned vector with its own: 120 of 3,000, so every task's rows. */
    static final int CHECK_EVERY = 25;

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the demo keeps its coordinator, providers, job files and results (default: a new temporary directory).")
    Path dataDir;

    @Option(names = "--crashes", paramLabel = "N", defaultValue = "1",
            description = "How many times the flaky provider dies mid-task before it stays up (default: ${DEFAULT-VALUE}).")
    int crashes;

    @Option(names = "--heartbeat", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Heartbeat interval of the demo network; a dead provider is noticed within 3 (default: ${DEFAULT-VALUE}).")
    Duration heartbeat;

    @Override
    public Integer call() throws Exception {
        if (crashes < 0 || crashes > 10) throw new CliException("error: --crashes must be between 0 and 10, was " + crashes);
        long heartbeatMillis = heartbeat.toMillis();
        if (heartbeatMillis < 200 || heartbeatMillis > 10_000)
            throw new CliException("error: --heartbeat must be between 200ms and 10s, was " + Durations.format(heartbeat));
        PrintWriter out = spec.commandLine().getOut();
        Path dir = dataDir != null ? dataDir.toAbsolutePath() : Files.createTempDirectory("gridmint-demo-");
        if (dataDir != null && Files.exists(dir.resolve("coordinator"))) throw new CliException("error: --data-dir " + dir + " already holds a demo; give a new directory");
        DemoLogging.quiet();
        long started = System.nanoTime();
        Path jobDir = dir.resolve("job");
        Path specFile = DemoData.extract(jobDir);
        String model = JobSpecFiles.read(specFile).model();
        List<String> items = DemoData.items(jobDir);

        // Dev mode: the demo's client takes its credits from the faucet.
        var config = CoordinatorConfig.defaults(dir.resolve("coordinator")).withPort(0).withHeartbeat(Duration.ofMillis(heartbeatMillis))
                .withDevFaucet(true).withEconomics(DemoEconomics.config(Instant.now()));
        // The four providers share this machine, so they share one loaded copy of the model, as one agent's tasks do.
        try (ModelRegistry models = new ModelRegistry(List.of(model), DevicePreference.AUTO);
             Coordinator coordinator = new Coordinator(config, InstantSource.system()).start();
             // The demo's user has a key of its own, as each provider has in its data dir: every request is signed.
             GridmintClient client = new GridmintClient(URI.create(coordinator.url()), Identity.loadOrCreate(dir.resolve("client")))) {
            out.println("Gridmint demo — data dir " + dir);
            out.println("coordinator listening on " + coordinator.url() + " (heartbeat " + heartbeatMillis + " ms)");
            out.println("loading " + model + " on " + models.device().wireName() + " for the providers…");
            out.flush();
            models.get(model);
            List<ProviderAgent> steady = new ArrayList<>();
            for (DemoProvider p : PROVIDERS.subList(1, PROVIDERS.size())) steady.add(startAgent(coordinator, dir, p, model, models));
            var flaky = new FlakyProvider(() -> startAgent(coordinator, dir, PROVIDERS.getFirst(), model, models), crashes, out);
            flaky.startFirst();
            printProviders(out, client.providers(), crashes);

            var funds = client.faucet(FUNDS, "demo-funds");
            out.println("client " + funds.account() + " took " + funds.amount().toPlainString() + " test credits from the dev faucet");
            JobView job = client.submit(specFile);
            JobBill held = client.bill(job.id());
            // The coordinator's count of the input, not the demo's, says what the network will embed.
            int counted = job.embed() == null ? -1 : job.embed().items();
            out.printf(Locale.ROOT, "submitted %s: embed %,d WordNet glosses with %s, %d tasks of up to %d; %s credits held in escrow"
                    + " (tasks × timeout × max price)%n", job.id(), counted, model, job.taskCount(), job.embed() == null ? 0 : job.embed().shard(),
                    held.held().toPlainString());
            if (counted != items.size()) throw new CliException("error: the coordinator counted " + counted + " items in " + DemoData.CORPUS
                    + ", the demo " + items.size() + "; their vectors would not pair up");
            out.flush();
            Thread chaos = Thread.ofVirtual().name("demo-chaos").start(flaky::run);
            int watched = new JobWatcher(CliContext.of(spec), out).watch(client, job.id(), Duration.ofMillis(500), Duration.ofMinutes(1));
            flaky.stop();
            chaos.join(Duration.ofSeconds(30));

            JobView done = client.job(job.id());
            DemoReport.summary(out, done, client.providers(), flaky.crashesDone(), (System.nanoTime() - started) / 1e9);
            JobBill bill = client.bill(job.id());
            var economics = DemoEconomics.close(out, coordinator, client);
            LedgerVerifier.Result ledger = LedgerVerifier.verify(coordinator.store());
            try (Embedder local = Embedder.load(model, DevicePreference.CPU)) {
                long tokens = items.stream().mapToLong(local::countTokens).sum();
                DemoReport.bill(out, bill, client.wallet().balance(), items.size(), tokens, ledger);
                steady.forEach(a -> a.shutdown(Duration.ofSeconds(5)));
                flaky.shutdown();
                DemoVectors.Check check = "SUCCEEDED".equals(done.state()) ? searchResults(out, client, done, dir, items, local) : null;
                boolean ok = watched == 0 && "SUCCEEDED".equals(done.state()) && check != null && check.failures().isEmpty()
                        && ledger.ok() && bill.inEscrow().signum() == 0 && economics.emitted().signum() > 0;
                out.println();
                out.println(ok ? "DEMO OK: every task succeeded, the vectors are the model's, verified work earned GRID, and the ledger balances." : "DEMO FAILED: see above.");
                out.flush();
                return ok ? 0 : 1;
            }
        }
    }

    /** Downloads the job's vectors, checks a spread of them against {@code local}, and answers the demo's queries over them. */
    private static DemoVectors.Check searchResults(PrintWriter out, GridmintClient client, JobView job, Path dir, List<String> items, Embedder local)
            throws java.io.IOException {
        Path npy = dir.resolve("results").resolve("embeddings.npy");
        Files.createDirectories(npy.getParent());
        client.downloadEmbeddings(job.id(), "npy", npy);
        float[][] vectors = Vectors.fromNpy(Files.readAllBytes(npy));
        DemoVectors.Check check = DemoVectors.check(local, items, vectors, CHECK_EVERY);
        out.println();
        out.println("=== results ===");
        out.printf(Locale.ROOT, "%s: %,d vectors of %d floats, in input order (gridmint job results %s --embeddings FILE.npy)%n", npy, vectors.length,
                vectors.length == 0 ? 0 : vectors[0].length, job.id());
        out.printf(Locale.ROOT, "checked %d of them (every %dth item, across all %d tasks) against the demo's own run of %s: lowest cosine %.6f%s%n",
                check.checked(), CHECK_EVERY, job.taskCount(), local.model().name(), check.minCosine(),
                check.failures().isEmpty() ? "" : ", " + check.failures().size() + " differ:");
        check.failures().stream().limit(10).forEach(f -> out.println("  MISMATCH " + f));
        if (!check.failures().isEmpty()) return check;
        out.println();
        out.println("=== semantic search over the job's vectors (query embedded here, cosine = dot product of unit vectors) ===");
        DemoVectors.answer(out, local, new SemanticSearch(items, vectors), DemoVectors.QUERIES, 3);
        return check;
    }

    private static void printProviders(PrintWriter out, List<ProviderView> views, int crashes) {
        for (DemoProvider p : PROVIDERS) {
            String serves = views.stream().filter(v -> p.name().equals(v.name())).findFirst()
                    .map(v -> v.models() == null ? "" : v.models().stream().map(m -> m.name() + " on " + m.device()).collect(Collectors.joining(", ")))
                    .orElse("");
            out.printf(Locale.ROOT, "provider %-10s asks %s credits/h, %d slots, serves %s%s%n", p.name(), p.price(), p.slots(), serves,
                    p == PROVIDERS.getFirst() ? "  <- will die mid-task " + crashes + "x" : "");
        }
    }

    private static ProviderAgent startAgent(Coordinator coordinator, Path dir, DemoProvider p, String model, ModelRegistry models) {
        AgentConfig config = AgentConfig.builder(URI.create(coordinator.url()), dir.resolve("providers").resolve(p.name()))
                .name(p.name()).price(new BigDecimal(p.price())).slots(p.slots()).region("local").models(List.of(model))
                .allowUnsandboxed(true).claimWait(Duration.ofSeconds(1)).shutdownGrace(Duration.ofSeconds(5))
                .nvidiaSmi("nvidia-smi").build();
        ProviderAgent agent = new ProviderAgent(config, null, new NvidiaSmiProbe(config.nvidiaSmi(), Duration.ofSeconds(15)), models);
        agent.start();
        agent.registration().join();
        return agent;
    }

    /** What the demo's client takes from the faucet: far more than the job can hold. */
    private static final BigDecimal FUNDS = new BigDecimal("10");
}
