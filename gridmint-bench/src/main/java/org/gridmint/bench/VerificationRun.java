package org.gridmint.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.gridmint.api.JobView;
import org.gridmint.api.ProviderView;
import org.gridmint.api.StakeView;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.json.Json;
import org.gridmint.client.GridmintClient;
import org.gridmint.client.JobStates;
import org.gridmint.coordinator.Coordinator;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.coordinator.ledger.LedgerVerifier;
import org.gridmint.coordinator.stake.StakeConfig;
import org.gridmint.core.spec.JobSpecDraft;

/**
 * Verification with real processes: a coordinator in this JVM (loopback port, SQLite in a temp dir, dev faucet, short
 * heartbeat and slash quarantine) and real {@code gridmint provider} agent processes, each its own account with a stake,
 * some of them cheating through the agent's test-only fault injection. The honest agents run an adaptive warm-up job (so
 * that they carry a record, as in an established network; optional) and then the baseline job with {@code verify: none};
 * then the cheaters join and the same job runs with {@code verify: adaptive} on all. Prints
 * {@link VerificationReport}: compute overhead, wrong results produced, rejected and accepted, cheaters slashed and
 * quarantined. See BENCHMARKS.md, "Verification, real processes (issue 5)".
 */
public final class VerificationRun {
    private static final Duration REGISTRATION = Duration.ofSeconds(180);
    /** The client's credits: far more than the jobs hold in escrow. */
    private static final BigDecimal CLIENT_FUNDS = new BigDecimal("5000");

    private VerificationRun() {}

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(VerificationOptions.USAGE);
            return;
        }
        VerificationOptions o;
        try {
            o = VerificationOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(VerificationOptions.USAGE);
            System.exit(2);
            return;
        }
        VerificationReport r = run(o, System.err);
        if (o.json()) {
            r.print(System.err); // the table still shows with the progress; stdout holds the JSON document alone
            System.out.println(Json.writeString(r));
        } else {
            r.print(System.out);
        }
        boolean ok = r.deadAgents().isEmpty() && r.baseline().state().equals(JobStates.SUCCEEDED) && r.verified().state().equals(JobStates.SUCCEEDED);
        System.exit(ok ? 0 : 1);
    }

    /** One run; progress goes to {@code log}. */
    public static VerificationReport run(VerificationOptions o, PrintStream log) throws Exception {
        long t0 = System.nanoTime();
        Path dir = Files.createTempDirectory("gridmint-verify-");
        StakeConfig stakes = StakeConfig.DEFAULT.withSlashQuarantine(o.slashQuarantine());
        CoordinatorConfig config = CoordinatorConfig.defaults(dir.resolve("coordinator")).withPort(0).withDevFaucet(true).withHeartbeat(o.heartbeat())
                .withStake(stakes);
        Set<String> everQuarantined = ConcurrentHashMap.newKeySet();
        try (Coordinator coordinator = new Coordinator(config, InstantSource.system()).start();
             ProviderAgents agents = new ProviderAgents(o.agentHeap(), dir);
             GridmintClient client = new GridmintClient(URI.create(coordinator.url()), Identity.loadOrCreate(dir.resolve("client")))) {
            URI url = URI.create(coordinator.url());
            say(log, t0, "coordinator on %s, data in %s; %d honest and %d cheating agents start", url, dir, o.honest(), o.cheaters());
            client.faucet(CLIENT_FUNDS, "verification-run-client");
            // Every agent JVM starts at once (starting them is most of a run's time on a small machine); the cheaters wait in
            // the operator's quarantine until the verified job, so that the warm-up and the baseline run on honest agents only.
            List<ProviderAgents.Agent> honest = launch(agents, url, dir, "honest", o.honest(), o, null);
            List<ProviderAgents.Agent> cheaters = launch(agents, url, dir, "cheater", o.cheaters(), o, o.seed() * 1000);
            for (ProviderAgents.Agent a : agents.all()) agents.awaitRegistered(a, REGISTRATION);
            Thread poller = null;
            try (GridmintClient operator = new GridmintClient(url, coordinator.operator())) {
                for (ProviderAgents.Agent a : cheaters) operator.quarantine(a.id, "held out of the warm-up and the baseline");
                say(log, t0, "%d agents registered (%d cheating, held in quarantine until the verified job); staking %s credits each",
                        agents.all().size(), cheaters.size(), o.stake().toPlainString());
                if (o.stake().signum() > 0) for (ProviderAgents.Agent a : agents.all()) stake(url, a, o.stake());
                // The warm-up first: the baseline then runs on warm agent JVMs, as the verified job does.
                Finished warmup = o.warmupTasks() > 0 ? runJob(client, "warmup", "adaptive", o.warmupTasks(), o, log, t0) : null;
                Finished baseline = runJob(client, "baseline", "none", o.tasks(), o, log, t0);
                for (ProviderAgents.Agent a : cheaters) operator.unquarantine(a.id);
                // From here on, a quarantine is a slash's.
                everQuarantined.clear();
                poller = Thread.ofVirtual().start(() -> pollQuarantines(client, everQuarantined));
                Finished verified = runJob(client, "verified", "adaptive", o.tasks(), o, log, t0);
                poller.interrupt();
                say(log, t0, "checking: downloading the verified job's outputs, reading stakes, auditing the ledger");
                return report(o, coordinator, client, dir, agents, honest, cheaters, baseline, warmup, verified, everQuarantined, t0);
            } finally {
                if (poller != null) poller.interrupt();
            }
        } finally {
            if (o.keepData()) log.println("kept " + dir);
            else deleteTree(dir);
        }
    }

    /** A job at its end (or at the timeout), with its wall time from submission. */
    private record Finished(String policy, JobView job, org.gridmint.api.JobBill bill, double wallSeconds) {}

    private static List<ProviderAgents.Agent> launch(ProviderAgents agents, URI url, Path dir, String kind, int count, VerificationOptions o,
                                                     Long faultSeedBase) {
        List<ProviderAgents.Agent> started = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String name = String.format(Locale.ROOT, "%s-%02d", kind, i);
            started.add(agents.launch(url, name, dir.resolve("agents").resolve(name), o.slots(), faultSeedBase == null ? null : faultSeedBase + i));
        }
        return started;
    }

    /** The agent's owner (its key in its data dir) takes credits from the dev faucet and stakes them on its provider. */
    private static void stake(URI url, ProviderAgents.Agent a, BigDecimal amount) {
        try (GridmintClient c = new GridmintClient(url, Identity.loadOrCreate(a.dataDir))) {
            c.faucet(amount, "stake-funds-" + a.name);
            c.stake(a.id, amount);
        }
    }

    /** Submits one job of {@code tasks} checkable tasks and waits for its end; at the timeout it is cancelled. */
    private static Finished runJob(GridmintClient client, String name, String policy, int tasks, VerificationOptions o, PrintStream log, long t0)
            throws InterruptedException {
        JobSpecDraft spec = TaskValues.spec(name, tasks, o.seed(), o.taskMillis(), policy);
        long s0 = System.nanoTime();
        JobView job = client.submit(spec, Path.of("."));
        say(log, t0, "job %s (%s, verify: %s, %d tasks) submitted", name, job.id(), policy, tasks);
        long deadline = s0 + o.timeout().toNanos();
        while (!JobStates.isFinal(job.state()) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            job = client.job(job.id());
        }
        if (!JobStates.isFinal(job.state())) {
            say(log, t0, "job %s still %s after %d s: cancelling it (%s)", name, job.state(), o.timeout().toSeconds(), job.waiting());
            client.cancel(job.id());
            job = client.job(job.id());
        }
        double wall = (System.nanoTime() - s0) / 1e9;
        say(log, t0, "job %s %s in %.1f s: %s", name, job.state(), wall, job.taskCounts());
        return new Finished(policy, job, client.bill(job.id()), wall);
    }

    private static VerificationReport report(VerificationOptions o, Coordinator coordinator, GridmintClient client, Path dir,
                                             ProviderAgents agents, List<ProviderAgents.Agent> honest, List<ProviderAgents.Agent> cheaters,
                                             Finished baseline, Finished warmup, Finished verified, Set<String> everQuarantined, long t0) throws IOException {
        Set<String> cheaterIds = ids(cheaters), honestIds = ids(honest);
        JobView job = client.job(verified.job().id());
        long wrongByAgents = cheaters.stream().mapToLong(a -> ProviderAgents.corruptedResults(a, job.id())).sum();
        Path results = dir.resolve("results");
        client.downloadResults(job.id(), results);
        long wrongAccepted = 0, missing = 0;
        for (int i = 0; i < o.tasks(); i++) {
            String got = TaskValues.output(results, i);
            if (got == null) missing++;
            else if (!got.strip().equals(TaskValues.expected(i, o.seed()))) wrongAccepted++;
        }
        int cheatersSlashed = 0, honestSlashed = 0;
        BigDecimal slashedTotal = BigDecimal.ZERO;
        for (ProviderAgents.Agent a : agents.all()) {
            StakeView s = client.stakeOf(a.id);
            if (s.slashed().signum() > 0) {
                if (a.cheater) cheatersSlashed++;
                else honestSlashed++;
            }
            slashedTotal = slashedTotal.add(s.slashed());
        }
        for (ProviderView p : client.providers()) if (p.quarantined()) everQuarantined.add(p.id());
        LedgerVerifier.Result audit = LedgerVerifier.verify(coordinator.store());
        String ledger = audit.ok() ? "ok (no breaks)" : audit.breaks().size() + " breaks: " + audit.breaks();
        var b = VerificationReport.JobFigures.of(baseline.policy(), baseline.job(), baseline.bill(), commandMillis(agents, baseline.job().id()),
                baseline.wallSeconds());
        var w = warmup == null ? null : VerificationReport.JobFigures.of(warmup.policy(), warmup.job(), warmup.bill(),
                commandMillis(agents, warmup.job().id()), warmup.wallSeconds());
        var v = VerificationReport.JobFigures.of(verified.policy(), job, client.bill(job.id()), commandMillis(agents, job.id()), verified.wallSeconds());
        return new VerificationReport(o.providers(), o.cheatersPct(), o.exactCheaters(), o.cheaters(), o.tasks(), o.warmupTasks(), o.seed(), b, w, v,
                (double) v.commandMillis() / Math.max(1, b.commandMillis()), (double) v.runtimeMillis() / Math.max(1, b.runtimeMillis()),
                (double) v.attempts() / Math.max(1, b.attempts()), w == null ? 0 : (double) w.attempts() / Math.max(1, w.tasks()),
                VerificationReport.reportedBy(job, cheaterIds).size(), wrongByAgents, VerificationReport.rejectedOf(job, cheaterIds).size(), wrongAccepted, missing,
                VerificationReport.rejectedOf(job, honestIds).size(), cheatersSlashed, honestSlashed, count(everQuarantined, cheaterIds),
                count(everQuarantined, honestIds), slashedTotal, ledger, agents.dead(), (System.nanoTime() - t0) / 1e9, machine(o));
    }

    /** Every second, which providers are quarantined: a short slash quarantine may be over by the end of the run. */
    private static void pollQuarantines(GridmintClient client, Set<String> seen) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                for (ProviderView p : client.providers()) if (p.quarantined()) seen.add(p.id());
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // A poll that failed (the coordinator closing) is skipped; the final look in report() still counts.
            }
        }
    }

    private static long commandMillis(ProviderAgents agents, String jobId) {
        return agents.all().stream().mapToLong(a -> ProviderAgents.commandMillis(a, jobId)).sum();
    }

    private static Set<String> ids(List<ProviderAgents.Agent> agents) {
        Set<String> ids = new HashSet<>();
        for (ProviderAgents.Agent a : agents) ids.add(a.id);
        return ids;
    }

    private static int count(Set<String> seen, Set<String> of) {
        return (int) seen.stream().filter(of::contains).count();
    }

    /** The machine the figures came from, as BENCHMARKS.md states it. */
    static Map<String, String> machine(VerificationOptions o) {
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
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("agents", o.providers() + " processes, -Xmx" + o.agentHeap() + ", " + o.slots() + " slot(s) each");
        return m;
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
