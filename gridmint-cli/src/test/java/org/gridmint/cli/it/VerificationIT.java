package org.gridmint.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.gridmint.api.AttemptView;
import org.gridmint.api.JobView;
import org.gridmint.api.ProviderView;
import org.gridmint.api.TaskView;
import org.gridmint.api.VerdictView;
import org.gridmint.api.auth.Identity;
import org.gridmint.cli.it.CliNetwork.CoordinatorProcess;
import org.gridmint.cli.it.CliNetwork.ProviderProcess;
import org.gridmint.client.GridmintClient;
import org.gridmint.provider.agent.FaultInjection;
import org.junit.jupiter.api.Test;

/**
 * Verification of untrusted work with real cheaters: provider agent processes started with the test-only
 * {@code --inject-wrong-results} return wrong outputs on purpose, and the coordinator must catch them. Every agent has its
 * own data dir, so its own key and account (except the colluders, who share one), and stakes before the job so that a
 * slash has something to take.
 *
 * <p>Task outputs are a deterministic function of the task index, so every final output is checked against the
 * reference after download. The cheaters corrupt every result ({@code --inject-wrong-results 1.0}), so every result a
 * cheater reported is a wrong one: counting them and the rejected ones gives the catch rate.
 *
 * <p>The coordinator runs with a slash quarantine of {@value #QUARANTINE}: long enough to outlast the job, so the
 * providers list still shows the cheaters quarantined at the end, however slow the machine.
 *
 * <p>Tie-breakers run on trusted providers only, and a provider earns trust through {@code Trust.THRESHOLD} (10)
 * agreeing results in a row, which nobody has in a fresh network: there, a task whose two results disagree waits until
 * some provider has earned it. (The client's own providers count as trusted for its jobs, but they share one owner, so
 * at most one of them may ever run a task: no help for a task that needs two tie-breakers.) So the one-in-five test
 * runs on an established network: the eight honest agents first run a warm-up job of {@value #WARM_UP_TASKS} tasks whose
 * every result is compared ({@code replicas: 2}), about 12 agreeing results each, while the two cheaters, started with them
 * but not staked yet, are kept out of it by its minimum stake; then the cheaters stake and the job under test runs.
 */
class VerificationIT extends ProcessNetworkTest {
    private static final Map<String, String> ALLOW_CHEATING = Map.of(FaultInjection.ENV_VAR, FaultInjection.ENV_VALUE);
    /** Small JVMs: eleven of them share a two-core machine. */
    private static final String AGENT_HEAP = "160m";
    private static final String QUARANTINE = "10m";
    /** Twice the other tests' 500 ms: a dozen JVMs on two cores lost leases at 500 ms, which only slows the job down. */
    private static final String HEARTBEAT = "1s";
    private static final BigDecimal STAKE = new BigDecimal("25");
    private static final int WARM_UP_TASKS = 48;
    /** A task's output: a function of its index alone, after a short sleep so that the tasks spread over the agents. */
    private static final String SQUARES = "sleep 1; mkdir -p out; echo $((GRIDMINT_TASK_INDEX * GRIDMINT_TASK_INDEX + 7)) > out/v.txt";

    /** An agent to start: honest when {@code seed} is null, else cheating on every task with that fault seed. */
    private record Agent(String name, Long seed) {
        static Agent honest(String name) {
            return new Agent(name, null);
        }

        static Agent cheater(String name, long seed) {
            return new Agent(name, seed);
        }
    }

    @Test
    void withOneProviderInFiveCheating_everyFinalResultIsRight_theWrongOnesAreCaught_andEveryCheaterIsSlashedAndQuarantined() {
        CoordinatorProcess coordinator = startCoordinator();
        List<Agent> honest = new ArrayList<>();
        for (int i = 1; i <= 8; i++) honest.add(Agent.honest("honest-" + i));
        List<Agent> cheating = List.of(Agent.cheater("cheater-1", 1), Agent.cheater("cheater-2", 2));
        List<Agent> agents = new ArrayList<>(honest);
        agents.addAll(cheating);
        Map<String, ProviderProcess> started = start(coordinator.url(), agents);
        // An established network first: the honest agents earn trust on a job whose every result is compared (see the class
        // doc). The cheaters have staked nothing yet, so the job's minimum stake keeps them out of it.
        stake(coordinator.url(), honest, started);
        JobView warmUp = run(coordinator, "warm-up", WARM_UP_TASKS, "mkdir -p out; echo $GRIDMINT_TASK_INDEX > out/v.txt", "out/v.txt",
                "verify: {replicas: 2}");
        assertThat(warmUp.state()).as("job %s: %s", warmUp.id(), warmUp.failureReason()).isEqualTo("SUCCEEDED");
        assertThat(warmUp.verdicts()).as("verdicts of the honest warm-up").allSatisfy(v -> assertThat(v.results()).noneMatch(VerdictView.ResultView::rejected));
        stake(coordinator.url(), cheating, started);
        Set<String> cheaters = Set.of(started.get("cheater-1").id(), started.get("cheater-2").id());
        assertThat(JobChecks.attempts(warmUp)).as("attempts of the warm-up").noneMatch(a -> cheaters.contains(a.providerId()));

        JobView job = run(coordinator, "verify-squares", 20, SQUARES, "out/v.txt", "verify: adaptive");

        assertThat(job.state()).as("job %s: %s", job.id(), job.failureReason()).isEqualTo("SUCCEEDED");
        JobChecks.assertResults(client, job, tmp.resolve("results"), "out/v.txt", i -> (i * i + 7) + "\n");
        // The cheaters corrupt every result, so each result of theirs that a verdict weighed is a wrong one.
        List<VerdictView.ResultView> wrong = job.verdicts().stream().flatMap(v -> v.results().stream())
                .filter(r -> cheaters.contains(r.providerId())).toList();
        long caught = wrong.stream().filter(VerdictView.ResultView::rejected).count();
        System.out.printf("VerificationIT: warm-up %d ms, job %d ms; %d wrong results weighed by verdicts, %d caught; %s%n",
                makespan(warmUp), makespan(job), wrong.size(), caught, job.verification());
        assertThat(wrong).as("wrong results the verdicts weighed").isNotEmpty();
        assertThat((double) caught / wrong.size()).as("share of the %d wrong results caught: %s", wrong.size(), wrong).isGreaterThanOrEqualTo(0.99);
        assertThat(JobChecks.attempts(job)).as("attempts of the cheaters whose result stands")
                .filteredOn(a -> cheaters.contains(a.providerId()) && "SUCCEEDED".equals(a.state())).isEmpty();
        assertThat(job.verification().cheatersCaught()).isEqualTo(cheaters.size());
        // What the client sees: the verdicts in the job's status, and the bill's rejected results and verification totals.
        Processes.Completed status = net.client(coordinator.url(), "job", "status", job.id());
        assertThat(status.stdout()).as("%s", status).contains("verification  adaptive").contains("2 providers caught with wrong results")
                .containsPattern("REJECTED\\s+[0-9.]+\\s");
        Processes.Completed bill = net.client(coordinator.url(), "job", "bill", job.id());
        assertThat(bill.stdout()).as("%s", bill).containsPattern("\\sREJECTED\\s+rejected by verdict vrd-").contains("verified   ").contains("slashes    ");
        for (String cheater : cheaters) assertSlashedAndQuarantined(cheater);
        for (Agent a : agents) {
            if (a.seed() == null) assertNotSlashed(started.get(a.name()).id());
        }
        assertLedgerVerifies();
    }

    @Test
    void honestFloatNoiseWithinTheDeclaredTolerance_isNeverRejected_andNobodyIsSlashed() {
        CoordinatorProcess coordinator = startCoordinator();
        List<Agent> agents = List.of(Agent.honest("honest-1"), Agent.honest("honest-2"), Agent.honest("honest-3"), Agent.honest("honest-4"));
        Map<String, ProviderProcess> started = start(coordinator.url(), agents);
        stake(coordinator.url(), agents, started);
        // Eight values per task, each off by a relative 1e-6 at most, from a noise seeded by the provider that runs it.
        String noisy = "s=$(printf %s \"$GRIDMINT_PROVIDER_ID\" | cksum | cut -d' ' -f1); mkdir -p out; "
                + "awk -v s=$s -v i=$GRIDMINT_TASK_INDEX 'BEGIN { srand(s % 2147483647); printf \"[\"; "
                + "for (k = 0; k < 8; k++) { v = (i + 1) * 0.37 + k * 1.5; printf \"%s%.12g\", (k ? \", \" : \"\"), v * (1 + 1e-6 * (2 * rand() - 1)) } "
                + "print \"]\" }' > out/v.json";

        JobView job = run(coordinator, "float-noise", 12, noisy, "out/v.json", "verify: {replicas: 2, compare: {format: json, relative: 1e-3}}");

        assertThat(job.state()).as("job %s: %s", job.id(), job.failureReason()).isEqualTo("SUCCEEDED");
        assertThat(JobChecks.attempts(job)).as("attempts of %s", job.id()).noneMatch(a -> "REJECTED".equals(a.state()));
        // Each task's verdict weighed two results of two providers whose bytes differ by their noise: the tolerance, not
        // luck, made them agree.
        assertThat(job.verdicts()).as("verdicts of %s", job.id()).hasSize(job.taskCount()).allSatisfy(v -> {
            assertThat(v.outcome()).isEqualTo("ACCEPTED");
            assertThat(v.results()).hasSize(2).allSatisfy(r -> assertThat(r.agrees() && !r.rejected()).as("%s", r).isTrue());
            assertThat(v.results().stream().map(VerdictView.ResultView::providerId).distinct()).as("providers of task %d", v.task()).hasSize(2);
            assertThat(v.results().stream().map(VerdictView.ResultView::digest).distinct()).as("digests of task %d", v.task()).hasSize(2);
        });
        assertThat(job.verification().cheatersCaught()).isZero();
        for (ProviderProcess p : started.values()) assertNotSlashed(p.id());
        assertThat(client.providers()).noneMatch(ProviderView::quarantined);
        assertLedgerVerifies();
    }

    @Test
    void twoCheatersUnderOneAccount_neverVerifyEachOther_andLoseEveryVerdict() {
        CoordinatorProcess coordinator = startCoordinator();
        // The colluders share one key (one account) and one fault seed: their wrong results are identical, so only the
        // rule that replicas never run under one owner keeps them from forming a quorum of two out of three.
        net.shareAccount("colluder-1", "colluder-2");
        List<Agent> agents = List.of(Agent.honest("honest-1"), Agent.honest("honest-2"), Agent.honest("honest-3"), Agent.honest("honest-4"),
                Agent.cheater("colluder-1", 7), Agent.cheater("colluder-2", 7));
        Map<String, ProviderProcess> started = start(coordinator.url(), agents);
        stake(coordinator.url(), agents, started);
        Set<String> colluders = Set.of(started.get("colluder-1").id(), started.get("colluder-2").id());

        JobView job = run(coordinator, "colluders", 12, SQUARES, "out/v.txt", "verify: {replicas: 3, quorum: 2}");

        assertThat(job.state()).as("job %s: %s", job.id(), job.failureReason()).isEqualTo("SUCCEEDED");
        JobChecks.assertResults(client, job, tmp.resolve("results"), "out/v.txt", i -> (i * i + 7) + "\n");
        for (TaskView t : job.tasks()) {
            Set<String> ran = t.attempts().stream().map(AttemptView::providerId).filter(colluders::contains).collect(Collectors.toSet());
            assertThat(ran).as("colluders that ran task %d: %s", t.index(), t.attempts()).hasSizeLessThanOrEqualTo(1);
        }
        List<AttemptView> theirs = JobChecks.attempts(job).stream().filter(a -> colluders.contains(a.providerId()))
                .filter(a -> "SUCCEEDED".equals(a.state()) || "REJECTED".equals(a.state())).toList();
        assertThat(theirs).as("results the colluders reported").isNotEmpty().allSatisfy(a -> assertThat(a.state()).isEqualTo("REJECTED"));
        for (String c : colluders) {
            if (theirs.stream().anyMatch(a -> a.providerId().equals(c))) assertSlashedAndQuarantined(c);
        }
        assertLedgerVerifies();
    }

    private CoordinatorProcess startCoordinator() {
        CoordinatorProcess c = net.startCoordinator(tmp.resolve("coordinator"), 0, HEARTBEAT, "--slash-quarantine", QUARANTINE);
        client = connect(c.url());
        return c;
    }

    /** Launches every agent at once (their JVMs start in parallel), then waits until each registered. */
    private Map<String, ProviderProcess> start(URI coordinator, List<Agent> agents) {
        Map<String, RunningProcess> launched = new java.util.LinkedHashMap<>();
        for (Agent a : agents) {
            launched.put(a.name(), a.seed() == null ? net.launchProvider(coordinator, a.name(), 1, AGENT_HEAP)
                    : net.launchProvider(coordinator, a.name(), 1, AGENT_HEAP, ALLOW_CHEATING,
                            "--inject-wrong-results", "1.0", "--fault-seed", String.valueOf(a.seed())));
        }
        Map<String, ProviderProcess> registered = new java.util.LinkedHashMap<>();
        launched.forEach((name, p) -> registered.put(name, net.awaitRegistered(p)));
        for (Agent a : agents) {
            if (a.seed() != null) {
                assertThat(registered.get(a.name()).process().stdout() + registered.get(a.name()).process().stderr())
                        .as("what cheating agent %s logged", a.name()).contains("FAULT INJECTION IS ON");
            }
        }
        return registered;
    }

    /**
     * Funds each agent's account from the dev faucet and stakes {@link #STAKE} on it: the cheaters' with
     * {@code gridmint provider stake} (in parallel: a JVM each), the others' through the SDK, which is what that command calls.
     */
    private void stake(URI coordinator, List<Agent> agents, Map<String, ProviderProcess> started) {
        Set<String> staking = agents.stream().map(a -> started.get(a.name()).id()).collect(Collectors.toSet());
        for (Agent a : agents) {
            try (GridmintClient owner = new GridmintClient(coordinator, Identity.loadOrCreate(net.providerDir(a.name())))) {
                owner.faucet(STAKE.multiply(BigDecimal.TWO), "stake-funds-" + a.name());
                if (a.seed() == null) owner.stake(started.get(a.name()).id(), STAKE);
            }
        }
        List<String> cheaters = agents.stream().filter(a -> a.seed() != null).map(Agent::name).toList();
        List<Processes.Completed> staked = net.asProviderOwners(coordinator, cheaters, "provider", "stake", STAKE.toPlainString());
        for (int i = 0; i < cheaters.size(); i++) assertThat(staked.get(i).exitCode()).as("stake for %s: %s", cheaters.get(i), staked.get(i)).isZero();
        for (String id : staking) assertThat(client.stakeOf(id).staked()).as("stake of %s", id).isEqualByComparingTo(STAKE);
    }

    private JobView run(CoordinatorProcess coordinator, String name, int tasks, String command, String output, String verify) {
        Path spec = JobChecks.writeSpec(tmp.resolve("spec/" + name + ".yaml"), """
                name: %s
                command: ["sh", "-c", %s]
                tasks: %d
                outputs: ["%s"]
                timeout: 2m
                retries: 5
                minStake: 10
                %s
                """.formatted(name, yamlString(command), tasks, output, verify));
        Processes.Completed submit = net.client(coordinator.url(), "job", "submit", spec.toString());
        assertThat(submit.exitCode()).as("%s", submit).isZero();
        String jobId = submit.firstLine();
        try {
            return JobChecks.awaitFinal(client, jobId, DEADLINE, () -> coordinator.process().assertAlive());
        } catch (AssertionError e) {
            // What the job waits for is the first thing to know about a job that did not end.
            Processes.Completed status = net.client(coordinator.url(), "job", "status", jobId);
            throw new AssertionError(e.getMessage() + "; job status:\n" + status.stdout() + status.stderr(), e);
        }
    }

    private void assertSlashedAndQuarantined(String providerId) {
        var stake = client.stakeOf(providerId);
        assertThat(stake.slashed().signum()).as("slashed from %s: %s", providerId, stake).isPositive();
        assertThat(client.providers()).filteredOn(p -> p.id().equals(providerId)).singleElement()
                .satisfies(p -> assertThat(p.quarantined()).as("%s quarantined: %s", providerId, p.quarantineReason()).isTrue());
    }

    private void assertNotSlashed(String providerId) {
        var stake = client.stakeOf(providerId);
        assertThat(stake.slashed().signum()).as("slashed from %s: %s", providerId, stake).isZero();
        assertThat(stake.staked()).isEqualByComparingTo(STAKE);
    }

    private void assertLedgerVerifies() {
        for (Path dir : net.coordinatorDirs()) {
            Processes.Completed verify = net.verifyLedger(dir);
            assertThat(verify.exitCode()).as("ledger verify: %s", verify).isZero();
        }
    }

    private static long makespan(JobView job) {
        return java.time.Duration.between(job.createdAt(), job.finishedAt()).toMillis();
    }

    private static String yamlString(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
