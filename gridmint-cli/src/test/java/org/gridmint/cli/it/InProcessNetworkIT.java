package org.gridmint.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.AttemptView;
import org.gridmint.api.JobView;
import org.gridmint.api.Problem;
import org.gridmint.api.SubmitJobRequest;
import org.gridmint.api.TaskView;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.http.ApiException;
import org.gridmint.api.http.ApiTransport;
import org.gridmint.api.json.InvalidInputException;
import org.gridmint.client.GridmintClient;
import org.gridmint.coordinator.Coordinator;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.coordinator.ledger.LedgerVerifier;
import org.gridmint.core.spec.FieldError;
import org.gridmint.core.spec.JobSpecDraft;
import org.gridmint.provider.agent.AgentConfig;
import org.gridmint.provider.agent.AgentEvent;
import org.gridmint.provider.agent.ProviderAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole network in this JVM: one coordinator over real HTTP and four provider agents running real commands. */
class InProcessNetworkIT {
    private static final int AGENTS = 4;
    private static final int TASKS = 50;
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @TempDir Path tmp;
    private Coordinator coordinator;
    private final List<ProviderAgent> agents = new ArrayList<>();
    /** Attempt ids each agent reported complete and the coordinator accepted, by provider id. */
    private final Map<String, Set<String>> completedByAgent = new ConcurrentHashMap<>();
    private GridmintClient client;
    private final Identity identity = Identity.generate();

    @BeforeEach
    void startNetwork() throws Exception {
        var config = CoordinatorConfig.defaults(tmp.resolve("coordinator")).withPort(0).withHeartbeat(Duration.ofSeconds(1)).withDevFaucet(true);
        coordinator = new Coordinator(config, InstantSource.system()).start();
        URI url = URI.create(coordinator.url());
        for (int i = 1; i <= AGENTS; i++) {
            ProviderAgent agent = new ProviderAgent(AgentConfig.builder(url, tmp.resolve("provider-" + i)).name("provider-" + i)
                    .price(new BigDecimal("0.2")).slots(2).allowUnsandboxed(true).claimWait(Duration.ofSeconds(1)).build());
            agents.add(agent);
            agent.addListener(e -> {
                if (e instanceof AgentEvent.TaskCompleted c && c.accepted()) {
                    String id = agent.providerId().orElseThrow();
                    completedByAgent.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(c.assignment().attemptId());
                }
            });
            agent.start();
        }
        for (ProviderAgent agent : agents) agent.registration().get(60, TimeUnit.SECONDS);
        client = new GridmintClient(url, identity);
        client.faucet(CliNetwork.CLIENT_FUNDS, "it-client-funds");
    }

    @AfterEach
    void stopNetwork() {
        if (client != null) client.close();
        for (ProviderAgent agent : agents) {
            try {
                agent.shutdown(Duration.ZERO);
            } catch (RuntimeException e) {
                System.err.println("could not stop " + agent.config().name() + ": " + e);
            }
        }
        if (coordinator != null) {
            try {
                assertThat(LedgerVerifier.verify(coordinator.store()).breaks()).as("ledger verify after the test").isEmpty();
            } finally {
                coordinator.close();
            }
        }
    }

    @Test
    void fiftyTaskJob_completesOnFourAgents_eachTaskOnceWithItsOwnResult() {
        JobView submitted = client.submit(multiplesOfSeven(TASKS), tmp);
        assertThat(submitted.taskCount()).isEqualTo(TASKS);

        JobView done = JobChecks.awaitFinal(client, submitted.id(), DEADLINE, () -> {});

        assertThat(done.state()).as("job %s: %s", done.id(), done.failureReason()).isEqualTo("SUCCEEDED");
        assertThat(done.tasks()).hasSize(TASKS).allSatisfy(t -> assertThat(t.state()).isEqualTo("SUCCEEDED"));
        Set<String> providerIds = agents.stream().map(a -> a.providerId().orElseThrow()).collect(Collectors.toSet());
        Map<String, Set<String>> successesByProvider = new HashMap<>();
        for (TaskView task : done.tasks()) {
            AttemptView ok = JobChecks.successfulAttempt(task);
            assertThat(ok.providerId()).isIn(providerIds);
            successesByProvider.computeIfAbsent(ok.providerId(), k -> new HashSet<>()).add(ok.id());
        }
        // The coordinator's record of who ran what agrees with what each agent says it completed.
        Eventually.until("every agent to have seen its completions accepted", DEADLINE,
                () -> completedByAgent.values().stream().mapToInt(Set::size).sum() >= TASKS);
        assertThat(completedByAgent).isEqualTo(successesByProvider);
        JobChecks.assertResults(client, done, tmp.resolve("results"), "out/n.txt", i -> (i * 7) + "\n");
    }

    @Test
    void malformedSpec_isRefusedWithEveryFieldNamed_andCreatesNoJob() {
        List<String> before = jobIds();
        JobSpecDraft bad = new JobSpecDraft("bad job!", null, List.of("true"), 0, null, null, List.of("/etc/passwd"), null,
                null, "forever", 99, null, null, null);

        // The SDK checks before it sends anything...
        assertThatThrownBy(() -> client.submit(bad, tmp)).isInstanceOfSatisfying(InvalidInputException.class, e ->
                assertThat(e.errors()).extracting(FieldError::field).contains("name", "tasks", "outputs[0]", "timeout", "retries"));
        // ...and the coordinator refuses the same spec from a client that does not.
        try (ApiTransport raw = new ApiTransport(client.coordinator(), identity)) {
            assertThatThrownBy(() -> raw.post(ApiPaths.JOBS, new SubmitJobRequest(bad, List.of()), JobView.class))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.problem().errors()).extracting(Problem.FieldProblem::field)
                                .contains("spec.name", "spec.tasks", "spec.outputs[0]", "spec.timeout", "spec.retries");
                    });
        }

        assertThat(jobIds()).isEqualTo(before);
    }

    private List<String> jobIds() {
        return client.jobs().stream().map(JobView::id).toList();
    }

    /** Task i writes i * 7 to out/n.txt. */
    private static JobSpecDraft multiplesOfSeven(int tasks) {
        return new JobSpecDraft("multiples-of-seven", null,
                List.of("sh", "-c", "mkdir -p out && echo $((GRIDMINT_TASK_INDEX * 7)) > out/n.txt"), tasks, null, null,
                List.of("out/n.txt"), null, null, "2m", 10, null, null, null)
                .withVerify(JobSpecDraft.VerifyDraft.ofPolicy("none")); // not a verification test: one result per task
    }
}
