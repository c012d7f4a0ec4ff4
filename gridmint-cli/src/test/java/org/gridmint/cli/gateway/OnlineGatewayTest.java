package org.gridmint.cli.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gridmint.api.ApiKeyView;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.json.Json;
import org.gridmint.api.openai.EmbeddingsResponse;
import org.gridmint.cli.Cli;
import org.gridmint.client.EmbeddingVectors;
import org.gridmint.client.GatewayException;
import org.gridmint.client.GridmintClient;
import org.gridmint.coordinator.Coordinator;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.embed.DevicePreference;
import org.gridmint.embed.ModelCatalog;
import org.gridmint.embed.ModelRegistry;
import org.gridmint.embed.TokenCounter;
import org.gridmint.embed.Vectors;
import org.gridmint.provider.agent.AgentConfig;
import org.gridmint.provider.agent.ProviderAgent;
import org.gridmint.provider.channel.ProviderChannel;
import org.gridmint.provider.hardware.GpuProbe;
import org.gridmint.provider.sandbox.Sandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider's online channel against the real coordinator endpoint, in one JVM: a real agent opens it after registering,
 * the SDK and the CLI call {@code /v1/embeddings} with an API key, and the vectors equal a direct run of the model.
 */
class OnlineGatewayTest {
    private static final String MODEL = ModelCatalog.DEFAULT;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static ModelRegistry registry;

    @TempDir Path tmp;
    Coordinator coordinator;
    GridmintClient client;
    final List<ProviderAgent> agents = new ArrayList<>();

    @BeforeAll
    static void loadModel() {
        registry = new ModelRegistry(List.of(MODEL), DevicePreference.CPU);
    }

    @AfterAll
    static void closeModel() {
        registry.close();
    }

    @BeforeEach
    void start() {
        coordinator = startCoordinator(0);
        client = new GridmintClient(URI.create(coordinator.url()), Identity.loadOrCreate(tmp.resolve("client")));
        client.faucet(new BigDecimal("100"), "online-test");
    }

    @AfterEach
    void stop() {
        agents.forEach(a -> a.shutdown(Duration.ZERO));
        client.close();
        coordinator.close();
    }

    private Coordinator startCoordinator(int port) {
        return new Coordinator(CoordinatorConfig.defaults(tmp.resolve("coordinator")).withPort(port).withDevFaucet(true), InstantSource.system()).start();
    }

    private ProviderAgent agent(String name, boolean online) throws Exception {
        var config = AgentConfig.builder(URI.create(coordinator.url()), tmp.resolve(name)).name(name).allowUnsandboxed(true)
                .claimWait(Duration.ofSeconds(1)).maxBackoff(Duration.ofMillis(500)).models(List.of(MODEL)).online(online).onlineCapacity(2).build();
        ProviderAgent a = new ProviderAgent(config, Sandboxes.detect(true), GpuProbe.none(), registry);
        agents.add(a);
        a.start();
        a.registration().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return a;
    }

    private static ProviderChannel awaitConnected(ProviderAgent a, int connections) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var c = a.channel();
            if (c.isPresent() && c.get().connected() && c.get().connections() >= connections) return c.get();
            Thread.sleep(50);
        }
        throw new AssertionError("the agent's channel did not connect " + connections + " time(s) within " + WAIT);
    }

    /** The gateway routes a request once it has the channel's Ready; a request sent before that may find no provider. */
    private EmbeddingsResponse embedWhenServed(String key, List<String> input) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                return client.embeddings(key, MODEL, input);
            } catch (GatewayException e) {
                if (System.nanoTime() > deadline || (e.status() != 404 && e.status() != 429 && e.status() != 503)) throw e;
                Thread.sleep(100);
            }
        }
    }

    @Test
    void agentServingModels_opensItsChannel_andTheSdkGetsTheModelsVectors_andTheTokensBilled() throws Exception {
        ProviderAgent a = agent("online-1", true);
        awaitConnected(a, 1);
        ApiKeyView key = client.createApiKey("sdk");
        List<String> input = List.of("a quiet cat sleeps on the warm mat", "the stock market fell sharply today", "x");

        EmbeddingsResponse r = embedWhenServed(key.key(), input);

        assertThat(r.object()).isEqualTo("list");
        assertThat(r.model()).isEqualTo(MODEL);
        float[][] direct = registry.get(MODEL).embed(input);
        assertThat(r.data()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(r.data().get(i).index()).isEqualTo(i);
            float[] v = (float[]) r.data().get(i).embedding();
            assertThat(v).hasSize(384);
            assertThat(Vectors.cosine(v, direct[i])).as("cosine of input %d to a direct run", i).isGreaterThanOrEqualTo(0.9999);
        }
        try (TokenCounter tokens = TokenCounter.forModel(MODEL)) {
            assertThat(r.usage().promptTokens()).isEqualTo(tokens.countAll(input));
            assertThat(r.usage().totalTokens()).isEqualTo(r.usage().promptTokens());
        }
    }

    @Test
    void noOnline_opensNoChannel() throws Exception {
        ProviderAgent a = agent("batch-only", false);

        assertThat(a.channel()).isEmpty();
        ApiKeyView key = client.createApiKey("sdk");
        assertThatThrownBy(() -> client.embeddings(key.key(), MODEL, List.of("hello"))).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.status()).as(e.getMessage()).isIn(404, 429, 503));
    }

    @Test
    void theChannelReconnects_whenTheCoordinatorRestarts_andServesAgain() throws Exception {
        ProviderAgent a = agent("online-2", true);
        awaitConnected(a, 1);
        ApiKeyView key = client.createApiKey("restart");
        int port = URI.create(coordinator.url()).getPort();

        coordinator.close();
        coordinator = startCoordinator(port);
        ProviderChannel channel = awaitConnected(a, 2);

        assertThat(channel.connections()).isGreaterThanOrEqualTo(2);
        EmbeddingsResponse r = embedWhenServed(key.key(), List.of("after the restart"));
        assertThat(Vectors.cosine((float[]) r.data().getFirst().embedding(), registry.get(MODEL).embed(List.of("after the restart"))[0]))
                .isGreaterThanOrEqualTo(0.9999);
    }

    @Test
    void shutdown_closesTheChannel() throws Exception {
        ProviderAgent a = agent("online-3", true);
        ProviderChannel channel = awaitConnected(a, 1);

        a.shutdown(Duration.ZERO);

        assertThat(channel.connected()).isFalse();
    }

    @Test
    void cli_createsListsAndRevokesKeys_andInferEmbedPrintsTheVectorsOrTheJson() throws Exception {
        awaitConnected(agent("online-4", true), 1);
        String[] as = {"--coordinator", coordinator.url(), "--data-dir", tmp.resolve("client").toString()};

        Cli.Result created = Cli.run(Map.of(), concat(new String[] {"apikey", "create", "--name", "cli"}, as));
        assertThat(created.exit()).as(created.err()).isZero();
        String secret = created.firstLine().strip();
        assertThat(secret).startsWith("gm-");
        assertThat(created.err()).contains("only time").contains("gridmint apikey revoke");
        embedWhenServed(secret, List.of("warm up"));

        Cli.Result embedded = Cli.run(Map.of("GRIDMINT_API_KEY", secret), "infer", "embed", "hello world", "good night", "--coordinator", coordinator.url());
        assertThat(embedded.exit()).as(embedded.err()).isZero();
        assertThat(embedded.out()).contains("[0] 384 dims:").contains("[1] 384 dims:").contains("model " + MODEL + ", usage: ");

        Cli.Result json = Cli.run(Map.of(), "infer", "embed", "--key", secret, "--json", "--encoding", "base64", "hello", "--coordinator", coordinator.url());
        assertThat(json.exit()).as(json.err()).isZero();
        var raw = Json.mapper().readTree(json.out().getBytes(StandardCharsets.UTF_8));
        assertThat(raw.path("object").asText()).isEqualTo("list");
        assertThat(raw.path("data").get(0).path("embedding").isTextual()).isTrue();
        assertThat(EmbeddingVectors.floats(raw.path("data").get(0).path("embedding").asText())).hasSize(384);
        assertThat(raw.path("usage").path("prompt_tokens").asInt()).isPositive();

        Cli.Result list = Cli.run(Map.of(), concat(new String[] {"apikey", "list"}, as));
        String id = client.apiKeys().keys().getFirst().id();
        assertThat(list.out()).contains(id).contains("cli").contains("active").doesNotContain(secret);

        Cli.Result revoked = Cli.run(Map.of(), concat(new String[] {"apikey", "revoke", id}, as));
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        assertThat(revoked.out()).contains("revoked API key " + id);

        Cli.Result refused = Cli.run(Map.of("GRIDMINT_API_KEY", secret), "infer", "embed", "hello", "--coordinator", coordinator.url());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).startsWith("error: 401 authentication_error").contains("gridmint apikey create");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
