package org.gridmint.bench;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.channel.ChannelMessage;
import org.gridmint.client.GridmintClient;
import org.gridmint.coordinator.Coordinator;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.coordinator.gateway.ChannelHub;
import org.gridmint.coordinator.gateway.Gateway;
import org.gridmint.coordinator.gateway.InferenceBilling;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.money.Credits;
import org.gridmint.embed.DevicePreference;
import org.gridmint.embed.Embedder;
import org.gridmint.embed.ModelCatalog;
import org.gridmint.embed.TokenCounter;

/**
 * The online gateway's latency overhead and its requests/s at saturation: a real coordinator in this JVM (SQLite in a temp
 * dir, loopback port) and a real {@code gridmint provider} agent in its own JVM serving {@value ModelCatalog#DEFAULT} over
 * its channel; a client on loopback sends {@code POST /v1/embeddings} with one short sentence per request.
 *
 * <p>Overhead = the gateway request's latency minus a direct in-process {@link Embedder#embed} of the same sentence in this
 * JVM. The parts of the overhead are timed apart on the live coordinator: key lookup, balance read, billing transaction,
 * token count, and a bare channel round trip (the provider embeds in it too). See BENCHMARKS.md, "Gateway (issue 6)".
 *
 * <p>Usage: {@code GatewayBench [--requests N] [--warmup N] [--concurrency 1,2,4,8,16] [--capacity N] [--token-price CREDITS]
 * [--agent-heap 512m] [--keep-data]}
 */
public final class GatewayBench {
    private static final String MODEL = ModelCatalog.DEFAULT;
    static final String SENTENCE = "The quick brown fox jumps over the lazy dog near the river bank.";
    private static final Pattern SERVES = Pattern.compile("serves \\[");

    private GatewayBench() {}

    /** The bench's options; defaults in {@link #parse}. */
    record Options(int requests, int warmup, List<Integer> concurrency, int capacity, String tokenPrice, String agentHeap, boolean keepData) {}

    static Options parse(String[] args) {
        int requests = 1000;
        int warmup = 300;
        List<Integer> conc = List.of(1, 2, 4, 8, 16);
        int capacity = 16;
        String price = "1";
        String heap = "512m";
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--keep-data")) {
                keep = true;
                continue;
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value");
            String v = args[++i];
            switch (a) {
                case "--requests" -> requests = positive(a, v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--concurrency" -> conc = Arrays.stream(v.split(",")).map(s -> positive(a, s.strip())).toList();
                case "--capacity" -> capacity = positive(a, v);
                case "--token-price" -> price = v;
                case "--agent-heap" -> heap = v;
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new Options(requests, warmup, conc, capacity, price, heap, keep);
    }

    private static int positive(String flag, String v) {
        int n = Integer.parseInt(v);
        if (n < 1) throw new IllegalArgumentException(flag + " must be >= 1, was " + v);
        return n;
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        run(o, System.out);
        System.exit(0);
    }

    static void run(Options o, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("gridmint-gwbench-");
        CoordinatorConfig config = CoordinatorConfig.defaults(dir.resolve("coordinator")).withPort(0).withDevFaucet(true);
        try (Coordinator coordinator = new Coordinator(config, InstantSource.system()).start();
             ProviderAgents agents = new ProviderAgents(o.agentHeap(), dir);
             GridmintClient client = new GridmintClient(URI.create(coordinator.url()), Identity.loadOrCreate(dir.resolve("client")));
             Embedder direct = Embedder.load(MODEL, DevicePreference.CPU)) {
            URI url = URI.create(coordinator.url());
            out.printf(Locale.ROOT, "gridmint gateway bench: model=%s requests=%d warmup=%d concurrency=%s capacity=%d token-price=%s%n", MODEL,
                    o.requests(), o.warmup(), o.concurrency(), o.capacity(), o.tokenPrice());
            out.printf(Locale.ROOT, "jvm: %s %s, %d cpus; coordinator in this JVM on %s (sqlite in %s); provider agent: a separate JVM (-Xmx%s)%n",
                    System.getProperty("java.vm.name"), Runtime.version(), Runtime.getRuntime().availableProcessors(), url, dir, o.agentHeap());
            ProviderAgents.Agent agent = agents.launch(url, "online-1", dir.resolve("agents/online-1"), 1, null,
                    List.of("--models", MODEL, "--online-capacity", String.valueOf(o.capacity()), "--token-price", o.tokenPrice()));
            String providerId = agents.awaitRegistered(agent, Duration.ofSeconds(120));
            Gateway gw = coordinator.gateway();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!gw.hub().serves(MODEL)) {
                if (System.nanoTime() > deadline || !agent.process.isAlive()) throw new IllegalStateException("provider never served " + MODEL);
                Thread.sleep(100);
            }
            client.faucet(new BigDecimal("1000"), "gateway-bench");
            String key = client.createApiKey("bench").key();
            AccountId account = Identity.loadOrCreate(dir.resolve("client")).account();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            byte[] body = ("{\"model\":\"" + MODEL + "\",\"input\":\"" + SENTENCE + "\",\"encoding_format\":\"base64\"}").getBytes(StandardCharsets.UTF_8);
            HttpRequest req = HttpRequest.newBuilder(url.resolve("/v1/embeddings")).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(60)).build();
            LongSupplier gatewayCall = () -> {
                long t0 = System.nanoTime();
                try {
                    HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                    if (r.statusCode() != 200) throw new IllegalStateException("HTTP " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return System.nanoTime() - t0;
            };
            List<String> one = List.of(SENTENCE);
            LongSupplier directCall = () -> {
                long t0 = System.nanoTime();
                direct.embed(one);
                return System.nanoTime() - t0;
            };

            // Warm-up: both paths, so the JIT, the connection pool, the agent's session and SQLite's pages are warm.
            for (int i = 0; i < o.warmup(); i++) {
                directCall.getAsLong();
                gatewayCall.getAsLong();
            }
            // Concurrency 1, in alternating blocks: noise hits both paths alike, and the ONNX threads of this JVM, which spin a while
            // after each direct call, do not steal the provider's cores during gateway calls (interleaving call by call did).
            long[] d = new long[o.requests()];
            long[] g = new long[o.requests()];
            int block = 50;
            for (int from = 0; from < o.requests(); from += block) {
                int to = Math.min(o.requests(), from + block);
                for (int i = from; i < to; i++) d[i] = directCall.getAsLong();
                Thread.sleep(20);
                for (int i = from; i < to; i++) g[i] = gatewayCall.getAsLong();
            }
            Stats ds = Stats.of(d);
            Stats gs = Stats.of(g);
            out.println();
            out.println("latency at concurrency 1 (ms)            p50      p99     mean");
            out.printf(Locale.ROOT, "direct Embedder.embed (in-process)   %8.3f %8.3f %8.3f%n", ds.p50, ds.p99, ds.mean);
            out.printf(Locale.ROOT, "gateway POST /v1/embeddings          %8.3f %8.3f %8.3f%n", gs.p50, gs.p99, gs.mean);
            out.printf(Locale.ROOT, "overhead (gateway - direct)          %8.3f %8.3f %8.3f%n", gs.p50 - ds.p50, gs.p99 - ds.p99, gs.mean - ds.mean);

            breakdown(o, out, gw, config, key, account, ProviderId.of(providerId), agent, http, url);

            out.println();
            out.println("saturation: concurrency    requests/s   p50 ms   p99 ms   failed");
            for (int c : o.concurrency()) {
                Sweep s = sweep(gatewayCall, c, o.requests());
                out.printf(Locale.ROOT, "              %5d       %10.1f %8.3f %8.3f %8d%n", c, s.rps, s.stats.p50, s.stats.p99, s.failed);
            }
            List<String> dead = agents.dead();
            if (!dead.isEmpty()) out.println("WARNING: agents died: " + dead);
            var bal = coordinator.gateway().store().inTransaction(tx -> tx.ledger().balance(LedgerAccount.party(account)));
            out.printf(Locale.ROOT, "%nclient balance after the run: %s credits%n", bal.toBigDecimal().toPlainString());
        } finally {
            if (o.keepData()) out.println("kept " + dir);
            else deleteTree(dir);
        }
    }

    /** The overhead's parts, each timed alone on the live coordinator, concurrency 1. */
    private static void breakdown(Options o, PrintStream out, Gateway gw, CoordinatorConfig config, String key, AccountId account, ProviderId provider,
                                  ProviderAgents.Agent agent, HttpClient http, URI url) throws Exception {
        int n = o.requests();
        String bearer = "Bearer " + key;
        var store = gw.store();
        TokenCounter tokens = TokenCounter.shared(MODEL);
        InferenceBilling billing = new InferenceBilling(store, config.fee());
        ChannelHub hub = gw.hub();
        List<String> one = List.of(SENTENCE);
        HttpRequest unknownModel = HttpRequest.newBuilder(url.resolve("/v1/embeddings")).header("Authorization", bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"no-such-model\",\"input\":\""
                        + SENTENCE + "\"}")).build();
        HttpRequest models = HttpRequest.newBuilder(url.resolve("/v1/models")).header("Authorization", bearer).GET().build();
        String owner = agentOwner(agent);
        byte[] inProcessBody = ("{\"model\":\"" + MODEL + "\",\"input\":\"" + SENTENCE + "\",\"encoding_format\":\"base64\"}").getBytes(StandardCharsets.UTF_8);
        List<Part> parts = List.of(
                new Part("API key lookup (ApiKeys.authenticate)", () -> gw.keys().authenticate(bearer)),
                new Part("balance read (own transaction)", () -> store.inTransaction(tx -> tx.ledger().balance(LedgerAccount.party(account)))),
                new Part("billing transaction (InferenceBilling.bill)", () -> billing.bill(new InferenceBilling.Served(gw.keys().authenticate(bearer).id(),
                        account, provider, owner, MODEL, 1, tokens.countAll(one), Credits.of(new BigDecimal(o.tokenPrice()))), java.time.Instant.now())),
                new Part("token count (TokenCounter.countAll)", () -> tokens.countAll(one)),
                new Part("channel round trip incl. provider embed", () -> {
                    ChannelHub.Pick p = hub.acquire(MODEL, Set.of());
                    if (!(p instanceof ChannelHub.Pick.Slot slot)) throw new IllegalStateException("no slot: " + p);
                    try {
                        ChannelMessage m = hub.call(slot, MODEL, one).get(30, TimeUnit.SECONDS);
                        if (!(m instanceof ChannelMessage.Embedded)) throw new IllegalStateException("answer " + m);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    } finally {
                        hub.release(slot);
                    }
                }),
                new Part("Gateway.embeddings in-process (no HTTP)", () -> gw.embeddings(bearer, inProcessBody)),
                new Part("HTTP POST, unknown model: 404 before routing", () -> {
                    try {
                        HttpResponse<byte[]> r = http.send(unknownModel, HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 404) throw new IllegalStateException("HTTP " + r.statusCode());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }),
                new Part("HTTP GET /v1/models (Javalin + key lookup)", () -> {
                    try {
                        HttpResponse<byte[]> r = http.send(models, HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) throw new IllegalStateException("HTTP " + r.statusCode());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
        out.println();
        out.println("parts, each alone (ms)                          p50      p99     mean");
        for (Part p : parts) {
            for (int i = 0; i < Math.min(o.warmup(), 200); i++) p.work.run();
            long[] t = new long[n];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                p.work.run();
                t[i] = System.nanoTime() - t0;
            }
            Stats s = Stats.of(t);
            out.printf(Locale.ROOT, "%-45s %8.3f %8.3f %8.3f%n", p.name, s.p50, s.p99, s.mean);
        }
    }

    private record Part(String name, Runnable work) {}

    /** The agent's own account: its key lives in its data dir. */
    private static String agentOwner(ProviderAgents.Agent agent) throws Exception {
        return Identity.loadOrCreate(agent.dataDir).account().value();
    }

    private record Sweep(double rps, Stats stats, int failed) {}

    private static Sweep sweep(LongSupplier call, int concurrency, int requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long[] lat = new long[requests];
        try {
            // A short warm-up at this concurrency: the connection pool grows to it before the clock starts.
            List<CompletableFuture<Void>> warm = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) warm.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 10; i++) call.getAsLong();
            }, pool));
            warm.forEach(CompletableFuture::join);
            long t0 = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) fs.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests) {
                    try {
                        lat[i] = call.getAsLong();
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        lat[i] = -1;
                    }
                }
            }));
            for (Future<?> f : fs) f.get();
            double secs = (System.nanoTime() - t0) / 1e9;
            return new Sweep((requests - failed.get()) / secs, Stats.of(Arrays.stream(lat).filter(x -> x >= 0).toArray()), failed.get());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** Percentiles of nanosecond samples, in milliseconds. */
    record Stats(double p50, double p99, double mean) {
        static Stats of(long[] nanos) {
            if (nanos.length == 0) return new Stats(Double.NaN, Double.NaN, Double.NaN);
            long[] s = nanos.clone();
            Arrays.sort(s);
            return new Stats(at(s, 0.50), at(s, 0.99), Arrays.stream(s).average().orElse(0) / 1e6);
        }

        private static double at(long[] sorted, double q) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
        }
    }
}
