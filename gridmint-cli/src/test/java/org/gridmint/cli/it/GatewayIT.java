package org.gridmint.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.gridmint.api.UsageReport;
import org.gridmint.api.openai.EmbeddingsResponse;
import org.gridmint.cli.it.CliNetwork.CoordinatorProcess;
import org.gridmint.cli.it.CliNetwork.ProviderProcess;
import org.gridmint.embed.DevicePreference;
import org.gridmint.embed.ModelCatalog;
import org.gridmint.embed.ModelRegistry;
import org.gridmint.embed.TokenCounter;
import org.gridmint.embed.Vectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The online gateway across processes: a coordinator and two provider agents serving {@value ModelCatalog#DEFAULT} over
 * their channels; the client makes an API key with the CLI and sends a stream of {@code /v1/embeddings} requests through the
 * SDK, and the provider serving them dies by SIGKILL mid-stream. No request fails, every vector equals a local run of the
 * model, the usage is the tokens counted, and the ledger verifies (after the test, as for every process test).
 */
class GatewayIT extends ProcessNetworkTest {
    private static final String MODEL = ModelCatalog.DEFAULT;
    private static final int SEQUENTIAL = 200;
    private static final int KILL_AFTER = 60;
    private static final int THREADS = 3;
    private static final int PER_THREAD = 10;
    private static ModelRegistry local;
    private static TokenCounter tokens;

    @BeforeAll
    static void loadLocalModel() {
        local = new ModelRegistry(List.of(MODEL), DevicePreference.CPU);
        tokens = TokenCounter.forModel(MODEL);
    }

    @AfterAll
    static void closeLocalModel() {
        tokens.close();
        local.close();
    }

    /** One request's input and the answer; checked after the stream, so the stream runs at full speed. */
    private record Call(List<String> input, EmbeddingsResponse answer) {}

    @Test
    void servingProviderKilledMidStream_noRequestFails_andVectorsAndUsageAreRight() throws Exception {
        CoordinatorProcess coordinator = net.startCoordinator(tmp.resolve("coordinator"), 0, "1s");
        List<RunningProcess> launched = new ArrayList<>();
        for (String name : List.of("online-1", "online-2")) {
            launched.add(net.launchProvider(coordinator.url(), name, 1, "384m", Map.of(), "--models", MODEL, "--online-capacity", "2"));
        }
        Map<String, ProviderProcess> byId = launched.stream().map(net::awaitRegistered)
                .collect(Collectors.toMap(ProviderProcess::id, p -> p));
        for (String id : byId.keySet()) {
            coordinator.process().awaitLogLine(Pattern.compile("provider " + id + " serves \\[.*" + MODEL + "/cpu"), CliNetwork.STARTUP);
        }
        Processes.Completed created = net.client(coordinator.url(), "apikey", "create", "--name", "gateway-it");
        assertThat(created.exitCode()).as("%s", created).isZero();
        String key = created.firstLine().strip();
        assertThat(key).startsWith("gm-");
        client = connect(coordinator.url());

        List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        // Both providers up: concurrent requests, within what the two of them take at once.
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            running.add(pool.submit(() -> {
                for (int i = 0; i < PER_THREAD; i++) send(key, List.of(text(1000 * (thread + 1) + i), text(2000 * (thread + 1) + i)), calls, failures);
            }));
        }
        for (Future<?> f : running) f.get();
        pool.shutdown();

        // The stream: at KILL_AFTER a killer thread kills the provider that served the latest answer, while requests go on.
        AtomicInteger answered = new AtomicInteger();
        AtomicReference<String> victim = new AtomicReference<>();
        AtomicInteger killedAt = new AtomicInteger(-1);
        Thread killer = null;
        for (int i = 0; i < SEQUENTIAL; i++) {
            if (i == KILL_AFTER) {
                String id = client.usage(1).recent().getFirst().provider();
                victim.set(id);
                killer = Thread.ofPlatform().name("killer").start(() -> {
                    byId.get(id).process().kill();
                    killedAt.set(answered.get());
                });
            }
            send(key, i % 10 == 0 ? List.of(text(i), text(i + 500), text(i + 700)) : List.of(text(i)), calls, failures);
            answered.incrementAndGet();
        }
        killer.join(Duration.ofSeconds(30));

        assertThat(failures).as("requests that failed").isEmpty();
        assertThat(victim.get()).as("the provider killed mid-stream").isNotNull();
        assertThat(byId.get(victim.get()).process().isAlive()).isFalse();
        byId.values().stream().filter(p -> !p.id().equals(victim.get())).forEach(p -> p.process().assertAlive());
        assertThat(calls).hasSize(THREADS * PER_THREAD + SEQUENTIAL);
        long counted = 0;
        List<Call> answeredCalls = List.copyOf(calls);
        for (Call c : answeredCalls) {
            float[][] expected = local.get(MODEL).embed(c.input());
            assertThat(c.answer().data()).hasSize(c.input().size());
            for (int i = 0; i < c.input().size(); i++) {
                assertThat(c.answer().data().get(i).index()).isEqualTo(i);
                double cos = Vectors.cosine((float[]) c.answer().data().get(i).embedding(), expected[i]);
                assertThat(cos).as("cosine of '%s' to a local run", c.input().get(i)).isGreaterThanOrEqualTo(0.9999);
            }
            int n = tokens.countAll(c.input());
            assertThat(c.answer().usage().promptTokens()).as("tokens of %s", c.input()).isEqualTo(n);
            assertThat(c.answer().usage().totalTokens()).isEqualTo(n);
            counted += n;
        }
        UsageReport usage = client.usage(Math.min(100, SEQUENTIAL));
        assertThat(usage.requests()).isEqualTo(calls.size());
        assertThat(usage.tokens()).as("tokens billed, all requests").isEqualTo(counted);
        assertThat(killedAt.get()).as("answers before the victim was dead").isBetween(KILL_AFTER, SEQUENTIAL - 10);
        // Newest first: the requests sent after the victim was dead went to the other provider.
        Set<String> servedAfter = usage.recent().stream().limit(Math.min(100, SEQUENTIAL - killedAt.get() - 1)).map(UsageReport.Entry::provider)
                .collect(Collectors.toSet());
        assertThat(servedAfter).as("who served the stream after the kill").isNotEmpty().doesNotContain(victim.get());
        assertThat(usage.recent().stream().map(UsageReport.Entry::provider)).as("every request served by one of the two").allMatch(byId::containsKey);
        assertThat(usage.charged()).isPositive();
        coordinator.process().assertAlive();
        Processes.Completed verify = net.verifyLedger(tmp.resolve("coordinator"));
        assertThat(verify.exitCode()).as("%s", verify).isZero();
    }

    private void send(String key, List<String> input, List<Call> calls, List<Throwable> failures) {
        try {
            calls.add(new Call(input, client.embeddings(key, MODEL, input)));
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    /** A distinct, deterministic sentence per number. */
    private static String text(int i) {
        String[] subjects = {"The red fox", "A tired engineer", "Our small boat", "The city council", "An old piano"};
        String[] verbs = {"crossed", "repaired", "watched", "ignored", "described"};
        String[] objects = {"the frozen river", "a broken server", "the evening storm", "the new budget", "a quiet melody"};
        return subjects[i % 5] + " " + verbs[(i / 5) % 5] + " " + objects[(i / 25) % 5] + " on day " + i + ".";
    }
}
