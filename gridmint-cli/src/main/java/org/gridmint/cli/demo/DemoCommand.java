package org.gridmint.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.gridmint.api.AttemptView;
import org.gridmint.api.JobBill;
import org.gridmint.api.JobView;
import org.gridmint.api.ProviderView;
import org.gridmint.api.TaskView;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.json.Json;
import org.gridmint.cli.CliContext;
import org.gridmint.cli.CliException;
import org.gridmint.cli.DurationConverter;
import org.gridmint.core.spec.Durations;
import org.gridmint.cli.job.JobWatcher;
import org.gridmint.client.GridmintClient;
import org.gridmint.coordinator.Coordinator;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.coordinator.ledger.LedgerVerifier;
import org.gridmint.provider.agent.AgentConfig;
import org.gridmint.provider.agent.ProviderAgent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gridmint demo}: a coordinator and four provider agents in this process, a 48-task job over weather data
 * shipped in the jar, one provider killed mid-task (twice) and brought back, and a summary whose every result is
 * checked against the demo's own computation.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a whole Gridmint network in this process and a real job on it, with a provider that dies mid-task.",
                "Starts a coordinator on a free loopback port with a fresh data dir and four provider agents asking different prices,",
                "submits a 48-task job that summarises a month of hourly readings from each of 48 weather stations, kills one provider",
                "mid-task (it comes back each time), shows live progress, and ends with a summary. Exits 0 only if every task",
                "succeeded and every result matches the demo's own computation."})
public final class DemoCommand implements Callable<Integer> {
    /** The demo's providers: name, ask per hour, slots. The cheapest one is the one that dies. */
    record DemoProvider(String name, String price, int slots) {}

    static final List<DemoProvider> PROVIDERS = List.of(
            new DemoProvider("flaky-fox", "0.12", 2),
            new DemoProvider("steady-owl", "0.18", 2),
            new DemoProvider("busy-bee", "0.25", 2),
            new DemoProvider("pricey-yak", "0.40", 2));

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the demo keeps its coordinator, providers, job files and results (default: a new temporary directory).")
    Path dataDir;

    @Option(names = "--crashes", paramLabel = "N", defaultValue = "2",
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
        Path specFile = DemoData.extract(dir.resolve("job"));
        long started = System.nanoTime();

        // Dev mode: the demo's client takes its credits from the faucet.
        var config = CoordinatorConfig.defaults(dir.resolve("coordinator")).withPort(0).withHeartbeat(Duration.ofMillis(heartbeatMillis))
                .withDevFaucet(true);
        try (Coordinator coordinator = new Coordinator(config, InstantSource.system()).start();
             // The demo's user has a key of its own, as each provider has in its data dir: every request is signed.
             GridmintClient client = new GridmintClient(URI.create(coordinator.url()), Identity.loadOrCreate(dir.resolve("client")))) {
            out.println("Gridmint demo — data dir " + dir);
            out.println("coordinator listening on " + coordinator.url() + " (heartbeat " + heartbeatMillis + " ms)");
            List<ProviderAgent> steady = new ArrayList<>();
            for (DemoProvider p : PROVIDERS.subList(1, PROVIDERS.size())) steady.add(startAgent(coordinator, dir, p));
            var flaky = new FlakyProvider(() -> startAgent(coordinator, dir, PROVIDERS.getFirst()), crashes, out);
            flaky.startFirst();
            for (DemoProvider p : PROVIDERS)
                out.printf(Locale.ROOT, "provider %-10s asks %s credits/h, %d slots%s%n", p.name(), p.price(), p.slots(),
                        p == PROVIDERS.getFirst() ? "  <- will die mid-task " + crashes + "x" : "");

            var funds = client.faucet(FUNDS, "demo-funds");
            out.println("client " + funds.account() + " took " + funds.amount().toPlainString() + " test credits from the dev faucet");
            JobView job = client.submit(specFile);
            JobBill held = client.bill(job.id());
            out.println("submitted " + job.id() + ": " + job.taskCount() + " tasks (one per weather station); " + held.held().toPlainString()
                    + " credits held in escrow (tasks × timeout × max price)");
            out.flush();
            Thread chaos = Thread.ofVirtual().name("demo-chaos").start(flaky::run);
            int watched = new JobWatcher(CliContext.of(spec), out).watch(client, job.id(), Duration.ofMillis(500), Duration.ofMinutes(1));
            flaky.stop();
            chaos.join(Duration.ofSeconds(30));

            JobView done = client.job(job.id());
            List<ProviderView> providers = client.providers();
            Path results = dir.resolve("results");
            Files.createDirectories(results);
            if ("SUCCEEDED".equals(done.state())) client.downloadResults(job.id(), results);
            Verification v = verify(done, dir.resolve("job").resolve("data"), results);
            printSummary(out, done, providers, results, v, flaky.crashesDone(), (System.nanoTime() - started) / 1e9);
            JobBill bill = client.bill(job.id());
            LedgerVerifier.Result ledger = LedgerVerifier.verify(coordinator.store());
            printBill(out, bill, client.wallet().balance(), ledger);
            steady.forEach(a -> a.shutdown(Duration.ofSeconds(5)));
            flaky.shutdown();
            boolean ok = watched == 0 && "SUCCEEDED".equals(done.state()) && v.failures().isEmpty() && v.checked() == done.taskCount()
                    && ledger.ok() && bill.inEscrow().signum() == 0;
            out.println(ok ? "DEMO OK: every task succeeded, every result verifies, and the ledger balances." : "DEMO FAILED: see above.");
            out.flush();
            return ok ? 0 : 1;
        }
    }

    private static ProviderAgent startAgent(Coordinator coordinator, Path dir, DemoProvider p) {
        AgentConfig config = AgentConfig.builder(URI.create(coordinator.url()), dir.resolve("providers").resolve(p.name()))
                .name(p.name()).price(new BigDecimal(p.price())).slots(p.slots()).region("local")
                // The demo's job is its own, so it may run without bubblewrap where bwrap is missing.
                .allowUnsandboxed(true).claimWait(Duration.ofSeconds(1)).shutdownGrace(Duration.ofSeconds(5))
                .nvidiaSmi("nvidia-smi").build();
        ProviderAgent agent = new ProviderAgent(config);
        agent.start();
        agent.registration().join();
        return agent;
    }

    /** What the demo's client takes from the faucet: far more than the job can hold. */
    private static final BigDecimal FUNDS = new BigDecimal("10");

    private static void printBill(PrintWriter out, JobBill bill, BigDecimal balance, LedgerVerifier.Result ledger) {
        long attempts = bill.tasks().stream().mapToLong(t -> t.attempts().size()).sum();
        long billed = bill.tasks().stream().flatMap(t -> t.attempts().stream()).filter(JobBill.AttemptBill::billed).count();
        long replicas = bill.tasks().stream().flatMap(t -> t.attempts().stream()).filter(a -> "REPLICA".equals(a.verification())).count();
        long lostMillis = bill.tasks().stream().flatMap(t -> t.attempts().stream()).filter(a -> !"REPLICA".equals(a.verification()))
                .mapToLong(a -> a.runtimeMillis() - a.billedMillis()).sum();
        out.println();
        out.println("=== bill (gridmint job bill " + bill.jobId() + ") ===");
        out.printf(Locale.ROOT, "held %s credits; charged %s (paid %s to providers, %s in fees) for %d billed attempts of %d;%n",
                plain(bill.held()), plain(bill.charged()), plain(bill.paid()), plain(bill.fees()), billed, attempts);
        if (replicas > 0)
            out.printf(Locale.ROOT, "the %d replicas that verified results were paid at cost by the network (%s credits), not by the client;%n",
                    replicas, plain(bill.verificationCostByNetwork()));
        out.printf(Locale.ROOT, "the %d attempts that died or failed (%s of runtime) cost nothing; refunded %s; client balance now %s%n",
                attempts - billed - replicas, org.gridmint.cli.format.Units.duration(Duration.ofMillis(lostMillis)), plain(bill.refunded()),
                plain(balance));
        out.println("all-in price: " + (bill.allInPerUsefulHour() == null ? "-" : plain(bill.allInPerUsefulHour()) + " credits per useful hour"));
        out.println("ledger verify: " + (ledger.ok() ? "OK (" + ledger.journal().entries() + " entries, chain and balances hold)"
                : "BROKEN: " + ledger.breaks()));
        out.flush();
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    /** How many tasks' results were checked, and what did not match. */
    record Verification(int checked, List<String> failures) {}

    static Verification verify(JobView job, Path data, Path results) throws IOException {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (TaskView t : job.tasks()) {
            String station = String.format(Locale.ROOT, "station-%02d.csv", t.index());
            Path out = results.resolve(String.format(Locale.ROOT, "task-%05d", t.index())).resolve("out").resolve("summary.json");
            if (!Files.isRegularFile(out)) {
                failures.add("task " + t.index() + ": no result file " + out);
                continue;
            }
            JsonNode got = Json.mapper().readTree(Files.readAllBytes(out));
            List<String> problems = DemoData.check(DemoData.expected(data.resolve(station)), got);
            if (!got.path("station").asText().endsWith(station)) problems.add("station: expected " + station + ", got " + got.path("station").asText());
            if (problems.isEmpty()) checked++;
            else failures.add("task " + t.index() + ": " + String.join("; ", problems));
        }
        return new Verification(checked, failures);
    }

    private static void printSummary(PrintWriter out, JobView job, List<ProviderView> providers, Path results, Verification v,
                                     int crashesDone, double seconds) {
        Map<String, String> names = new TreeMap<>();
        for (ProviderView p : providers) names.put(p.id(), p.name());
        Map<String, int[]> perProvider = new TreeMap<>();
        Map<String, Integer> lostReasons = new TreeMap<>();
        int attempts = 0;
        for (TaskView t : job.tasks()) {
            for (AttemptView a : t.attempts()) {
                attempts++;
                String who = names.getOrDefault(a.providerId(), a.providerId());
                int[] c = perProvider.computeIfAbsent(who, k -> new int[3]);
                if ("SUCCEEDED".equals(a.state())) c[0]++;
                else if (a.reason() != null) {
                    c[1]++;
                    lostReasons.merge(a.reason() + " (" + a.reasonText() + ")", 1, Integer::sum);
                } else c[2]++;
            }
        }
        int succeeded = job.taskCounts().getOrDefault("SUCCEEDED", 0);
        out.println();
        out.println("=== summary ===");
        out.printf(Locale.ROOT, "job %s: %s — %d/%d tasks succeeded in %.1f s%n", job.id(), job.state(), succeeded, job.taskCount(), seconds);
        long finished = job.tasks().stream().flatMap(t -> t.attempts().stream())
                .filter(a -> "SUCCEEDED".equals(a.state()) || "REJECTED".equals(a.state())).count();
        out.printf(Locale.ROOT, "provider deaths: %d; attempts: %d (%d results, %d of them replicas that checked another), of which %d did not"
                + " finish:%n", crashesDone, attempts, finished, Math.max(0, finished - succeeded), attempts - finished);
        if (lostReasons.isEmpty()) out.println("  (none)");
        lostReasons.forEach((r, n) -> out.printf(Locale.ROOT, "  %3d x %s%n", n, r));
        out.println("who did what (succeeded / lost or failed):");
        perProvider.forEach((p, c) -> out.printf(Locale.ROOT, "  %-12s %3d / %d%n", p, c[0], c[1]));
        out.println("results: " + results + " (task-NNNNN/out/summary.json)");
        if (job.verification() != null) {
            var ver = job.verification();
            long alone = job.verdicts().stream().filter(d -> d.results().size() == 1).count();
            long rejected = job.verdicts().stream().flatMap(d -> d.results().stream()).filter(org.gridmint.api.VerdictView.ResultView::rejected).count();
            out.printf(Locale.ROOT, "verification (%s): %d verdicts; %d tasks checked by a second provider, %d accepted alone; %d replicas run,"
                    + " %d results rejected%n", ver.policy(), job.verdicts().size(), job.verdicts().size() - alone, alone, ver.replicasRun(), rejected);
        }
        out.printf(Locale.ROOT, "verified: %d/%d task results match the demo's own computation%n", v.checked(), job.taskCount());
        v.failures().stream().limit(10).forEach(f -> out.println("  MISMATCH " + f));
        out.flush();
    }
}
