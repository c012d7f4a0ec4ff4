package org.gridmint.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.DepositRequest;
import org.gridmint.api.DepositView;
import org.gridmint.api.JobView;
import org.gridmint.api.ProviderView;
import org.gridmint.api.RegisterProviderRequest;
import org.gridmint.api.SubmitJobRequest;
import org.gridmint.api.TaskView;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.http.ApiTransport;
import org.gridmint.coordinator.Coordinator;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.core.spec.JobSpecDraft;

/**
 * End-to-end task throughput of one coordinator: a real coordinator on a loopback port with a fresh SQLite
 * data dir, agents that claim and complete no-op tasks, and the job checked afterwards.
 *
 * <p>Only the claim → complete loop is timed: registration, submission (reported apart), JVM start-up and
 * the final check are not. See BENCHMARKS.md for the figures and the commands that produced them.
 */
public final class ThroughputBench {

    private ThroughputBench() {}

    /**
     * The outcome of one run.
     *
     * @param coordinatorCpuNanos CPU time of the coordinator's JVM over the measured phase (agents included unless in agent-jvm mode)
     * @param machineBusyCpus the average number of busy CPUs of the whole machine over the phase, -1 where unknown
     */
    public record Result(BenchOptions options, long submitNanos, AgentReport report, Check check, long coordinatorCpuNanos, double machineBusyCpus) {
        public boolean ok() {
            return !report.stopped() && report.completed() == options.tasks() && check.allSucceeded();
        }
    }

    /**
     * What the coordinator says about the measured jobs afterwards.
     *
     * @param retriedTasks tasks that needed more than one attempt
     */
    public record Check(Map<String, Integer> jobStates, int tasksSucceeded, int retriedTasks, int tasks) {
        public boolean allSucceeded() {
            return jobStates.keySet().equals(java.util.Set.of("SUCCEEDED")) && tasksSucceeded == tasks;
        }
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        Result r = run(options, System.out);
        System.exit(r.ok() ? 0 : 1);
    }

    public static Result run(BenchOptions o, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("gridmint-bench-");
        // One account submits the jobs and owns the providers that the agents (in this JVM or another) claim for;
        // its key is kept in the data dir so that an agent JVM can sign as it too.
        Path keyDir = dir.resolve("bench-key");
        Identity bench = Identity.loadOrCreate(keyDir);
        try (Coordinator coordinator = new Coordinator(CoordinatorConfig.defaults(dir).withPort(0).withDevFaucet(true), InstantSource.system()).start();
             ApiTransport client = new ApiTransport(URI.create(coordinator.url()), bench)) {
            out.printf(Locale.ROOT, "gridmint throughput bench: mode=%s tasks=%d jobs=%d agents=%d batch=%d wait=%dms warmup=%d%n",
                    o.mode().flag, o.tasks(), o.jobs(), o.agents(), o.batch(), o.waitMillis(), o.warmup());
            out.printf(Locale.ROOT, "jvm: %s %s, %d cpus, max heap %d MiB; data dir %s%n", System.getProperty("java.vm.name"),
                    Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, dir);
            List<String> providers = register(client, o);
            try (Agents agents = agents(o, coordinator, providers, bench, keyDir)) {
                if (o.warmup() > 0) {
                    List<String> warm = submit(client, "warmup", List.of(o.warmup()));
                    AgentReport w = agents.run(o.warmup(), o.timeout());
                    Check wc = check(client, warm);
                    out.printf(Locale.ROOT, "warmup: %d tasks in %.2f s (%.0f tasks/s), %s%n",
                            w.completed(), w.elapsedSeconds(), w.tasksPerSecond(), wc.jobStates());
                    if (!wc.allSucceeded()) throw new IllegalStateException("the warmup job did not succeed: " + wc);
                }
                long s0 = System.nanoTime();
                List<String> jobs = submit(client, "bench", BenchOptions.split(o.tasks(), o.jobs()));
                long submitNanos = System.nanoTime() - s0;
                MachineLoad load0 = MachineLoad.now();
                long cpu0 = AgentReport.processCpuNanos();
                AgentReport report = agents.run(o.tasks(), o.timeout());
                long cpu = AgentReport.processCpuNanos() - cpu0;
                double busy = MachineLoad.now().busyCpusSince(load0, Runtime.getRuntime().availableProcessors());
                Result result = new Result(o, submitNanos, report, check(client, jobs), cpu, busy);
                print(result, out);
                return result;
            }
        } finally {
            if (o.keepData()) out.println("kept data dir " + dir);
            else deleteTree(dir);
        }
    }

    private static Agents agents(BenchOptions o, Coordinator coordinator, List<String> providers, Identity owner, Path keyDir) throws IOException {
        URI url = URI.create(coordinator.url());
        return switch (o.mode()) {
            case HTTP -> new AgentRunner(providers, providers.stream().map(p -> WorkPort.http(url, owner)).toList(), o.batch(), o.waitMillis());
            case IN_PROCESS -> new AgentRunner(providers, providers.stream().map(p -> WorkPort.direct(coordinator.work(), owner.account())).toList(),
                    o.batch(), o.waitMillis());
            case AGENT_JVM -> AgentJvm.start(url, providers, keyDir, o.batch(), o.waitMillis(), o.agentJvmHeap());
        };
    }

    /** One provider per agent, with as many slots as a claim may ask for, so that slots never limit a claim. */
    private static List<String> register(ApiTransport client, BenchOptions o) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < o.agents(); i++) {
            var r = new RegisterProviderRequest(null, "bench-agent-" + i, 2, 4096, List.of(), "local", new BigDecimal("0.1"),
                    o.batch(), true, "gridmint-bench");
            ids.add(client.post(ApiPaths.PROVIDERS, r, ProviderView.class).id());
        }
        return ids;
    }

    private static List<String> submit(ApiTransport client, String name, List<Integer> sizes) {
        // Each no-op task holds 1 credit (the default 1 h timeout at the default 1 credit/h): take it from the dev faucet first.
        long credits = sizes.stream().mapToLong(Integer::longValue).sum();
        for (long left = credits; left > 0; left -= 100_000)
            client.post(ApiPaths.WALLET_FAUCET, new DepositRequest(null, java.math.BigDecimal.valueOf(Math.min(left, 100_000)), null), DepositView.class);
        List<String> ids = new ArrayList<>();
        for (int j = 0; j < sizes.size(); j++) {
            var spec = new JobSpecDraft(name + "-" + j, null, List.of("true"), sizes.get(j), null, null, null,
                    new JobSpecDraft.ResourcesDraft(1, 64L, null, null, null), null, null, null, null, null, null);
            ids.add(client.post(ApiPaths.JOBS, new SubmitJobRequest(spec, List.of()), JobView.class).id());
        }
        return ids;
    }

    private static Check check(ApiTransport client, List<String> jobIds) {
        Map<String, Integer> states = new TreeMap<>();
        int succeeded = 0, retried = 0, tasks = 0;
        for (String id : jobIds) {
            JobView v = client.get(ApiPaths.expand(ApiPaths.JOB, id), JobView.class);
            states.merge(v.state(), 1, Integer::sum);
            tasks += v.taskCount();
            for (TaskView t : v.tasks()) {
                if (t.state().equals("SUCCEEDED")) succeeded++;
                if (t.attempts().size() > 1) retried++;
            }
        }
        return new Check(states, succeeded, retried, tasks);
    }

    static void print(Result r, PrintStream out) {
        AgentReport a = r.report();
        BenchOptions o = r.options();
        Check c = r.check();
        out.printf(Locale.ROOT, "submit:      %.2f s (%d tasks in %d job%s; not part of the elapsed time)%n",
                r.submitNanos() / 1e9, o.tasks(), o.jobs(), o.jobs() == 1 ? "" : "s");
        out.printf(Locale.ROOT, "completed:   %d of %d tasks%s%n", a.completed(), o.tasks(), a.stopped() ? " (STOPPED EARLY)" : "");
        out.printf(Locale.ROOT, "elapsed:     %.2f s (first claim to last completion)%n", a.elapsedSeconds());
        out.printf(Locale.ROOT, "throughput:  %.0f tasks/s%n", a.tasksPerSecond());
        out.printf(Locale.ROOT, "job state:   %s (%d/%d tasks succeeded, %d needed a retry)%n", c.jobStates(), c.tasksSucceeded(), c.tasks(), c.retriedTasks());
        out.printf(Locale.ROOT, "claims:      %d, %.1f tasks each (+%d empty)  %s%n", a.claims(),
                a.claims() == 0 ? 0.0 : (double) a.claimedTasks() / a.claims(), a.emptyClaims(), latency(a.claimLatency()));
        out.printf(Locale.ROOT, "completes:   %d  %s%n", a.completeLatency().count(), latency(a.completeLatency()));
        double perTask = 1e-6 * r.coordinatorCpuNanos() / Math.max(1, a.completed());
        if (o.mode() == BenchOptions.Mode.AGENT_JVM)
            out.printf(Locale.ROOT, "cpu:         coordinator JVM %.1f s (%.3f ms/task), agent JVM %.1f s (%.3f ms/task)%n", r.coordinatorCpuNanos() / 1e9, perTask,
                    a.cpuNanos() / 1e9, 1e-6 * a.cpuNanos() / Math.max(1, a.completed()));
        else out.printf(Locale.ROOT, "cpu:         %.1f s in the one JVM, coordinator and agents (%.3f ms/task)%n", r.coordinatorCpuNanos() / 1e9, perTask);
        if (r.machineBusyCpus() >= 0)
            out.printf(Locale.ROOT, "machine:     %.2f of %d cpus busy on average during the phase (other processes included)%n",
                    r.machineBusyCpus(), Runtime.getRuntime().availableProcessors());
        if (a.errors().isEmpty()) out.println("errors:      none");
        else a.errors().forEach((k, v) -> out.printf(Locale.ROOT, "errors:      %d x %s, e.g. %s%n", v, k, a.errorSamples().get(k)));
        out.printf(Locale.ROOT, "RESULT mode=%s tasks=%d jobs=%d agents=%d batch=%d elapsed_s=%.3f tasks_per_s=%.1f state=%s"
                        + " claim_p50_ms=%.3f claim_p99_ms=%.3f complete_p50_ms=%.3f complete_p99_ms=%.3f cpu_ms_per_task=%.3f machine_busy_cpus=%.2f errors=%d ok=%s%n",
                o.mode().flag, o.tasks(), o.jobs(), o.agents(), o.batch(), a.elapsedSeconds(), a.tasksPerSecond(),
                String.join("+", c.jobStates().keySet()), a.claimLatency().p50Millis(), a.claimLatency().p99Millis(),
                a.completeLatency().p50Millis(), a.completeLatency().p99Millis(),
                1e-6 * (r.coordinatorCpuNanos() + (o.mode() == BenchOptions.Mode.AGENT_JVM ? a.cpuNanos() : 0)) / Math.max(1, a.completed()),
                r.machineBusyCpus(), a.errorCount(), r.ok());
    }

    private static String latency(AgentReport.Latency l) {
        return String.format(Locale.ROOT, "latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms", l.p50Millis(), l.p90Millis(), l.p99Millis(), l.maxMillis());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
