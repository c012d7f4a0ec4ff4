package org.gridmint.provider.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridmint.api.Assignment;
import org.gridmint.api.CheckpointRequest;
import org.gridmint.api.CheckpointView;
import org.gridmint.api.ClaimRequest;
import org.gridmint.api.ClaimResponse;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.FailRequest;
import org.gridmint.api.HeartbeatRequest;
import org.gridmint.api.HeartbeatResponse;
import org.gridmint.api.Problem;
import org.gridmint.api.ProviderView;
import org.gridmint.api.RegisterProviderRequest;
import org.gridmint.api.auth.RequestSignature;
import org.gridmint.api.json.Json;
import org.gridmint.provider.testing.MemoryBlobStore;

/**
 * A coordinator that speaks the provider half of the API over real HTTP on 127.0.0.1, with a queue of
 * assignments to hand out and a record of everything the agent sent. Stops and restarts on the same port. It checks
 * each request's signature as the coordinator does and records who signed it; providers belong to their registrant.
 */
final class FakeCoordinator implements AutoCloseable {
    record Beat(String attemptId, HeartbeatRequest request) {}

    final List<RegisterProviderRequest> registrations = new CopyOnWriteArrayList<>();
    final List<Beat> heartbeats = new CopyOnWriteArrayList<>();
    final Map<String, CompleteRequest> completed = new ConcurrentHashMap<>();
    final Map<String, FailRequest> failed = new ConcurrentHashMap<>();
    record Checkpoint(String attemptId, CheckpointRequest request) {}
    final List<Checkpoint> checkpoints = new CopyOnWriteArrayList<>();
    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    final List<String> blobDigestMismatches = new CopyOnWriteArrayList<>();
    final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    final Set<String> knownProviders = ConcurrentHashMap.newKeySet();
    /** Providers whose owner asked for a drain: their heartbeats say so and their claims are refused (409 DRAINING). */
    final Set<String> draining = ConcurrentHashMap.newKeySet();
    /** The verdict on each request's signature, in order. */
    final List<RequestSignature.Verdict> signatures = new CopyOnWriteArrayList<>();
    /** Provider id to the account that registered it. */
    final Map<String, String> owners = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    private final java.util.concurrent.BlockingDeque<Assignment> pending = new java.util.concurrent.LinkedBlockingDeque<>();
    /** Bumped by {@link #stop()}: a claim still polling on a stopped server must not swallow work offered later. */
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private HttpServer server;
    private int port;

    FakeCoordinator start() throws IOException {
        return start(0);
    }

    FakeCoordinator start(int onPort) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
        return this;
    }

    /** Goes away as a crashed coordinator would; {@link #start(int)} with {@link #port()} brings it back. */
    void stop() {
        generation.incrementAndGet();
        server.stop(0);
    }

    int port() {
        return port;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    void offer(Assignment a) {
        pending.add(a);
    }

    /** Forgets every provider, as a coordinator that lost its database would. */
    void forgetProviders() {
        knownProviders.clear();
        owners.clear();
    }

    String blobText(String sha) {
        return new String(blobs.get(sha), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        stop();
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            String target = ex.getRequestURI().getRawPath() + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
            String digest = method.equals("PUT") ? segment(path, 4) : MemoryBlobStore.sha256(body);
            var h = ex.getRequestHeaders();
            RequestSignature.Verdict verdict = RequestSignature.check(method, target, digest, h.getFirst(RequestSignature.KEY_HEADER),
                    h.getFirst(RequestSignature.TIMESTAMP_HEADER), h.getFirst(RequestSignature.NONCE_HEADER), h.getFirst(RequestSignature.SIGNATURE_HEADER),
                    Instant.now());
            signatures.add(verdict);
            String caller = verdict instanceof RequestSignature.Verdict.Valid v ? v.account().value() : null;
            if (method.equals("POST") && path.equals("/api/v1/providers")) {
                register(ex, Json.read(body, RegisterProviderRequest.class), caller);
            } else if (method.equals("POST") && path.matches("/api/v1/providers/[^/]+/claim")) {
                claim(ex, segment(path, 4), Json.read(body, ClaimRequest.class));
            } else if (method.equals("POST") && path.matches("/api/v1/attempts/[^/]+/heartbeat")) {
                String id = segment(path, 4);
                HeartbeatRequest beat = Json.read(body, HeartbeatRequest.class);
                heartbeats.add(new Beat(id, beat));
                if (completed.containsKey(id) || failed.containsKey(id)) problem(ex, 409, "attempt " + id + " has ended");
                else json(ex, new HeartbeatResponse("RUNNING", cancelled.contains(id), Instant.now().plusSeconds(30),
                        draining.contains(beat.providerId()) ? Boolean.TRUE : null));
            } else if (method.equals("POST") && path.matches("/api/v1/attempts/[^/]+/complete")) {
                completed.put(segment(path, 4), Json.read(body, CompleteRequest.class));
                ex.sendResponseHeaders(204, -1);
            } else if (method.equals("POST") && path.matches("/api/v1/attempts/[^/]+/checkpoint")) {
                String id = segment(path, 4);
                CheckpointRequest r = Json.read(body, CheckpointRequest.class);
                if (!blobs.containsKey(r.checkpoint().sha256())) {
                    problem(ex, 400, "no blob " + r.checkpoint().sha256() + " was uploaded");
                    return;
                }
                checkpoints.add(new Checkpoint(id, r));
                json(ex, new CheckpointView(id, r.checkpoint(), r.runtimeMillis(), Instant.now()));
            } else if (method.equals("POST") && path.matches("/api/v1/attempts/[^/]+/fail")) {
                failed.put(segment(path, 4), Json.read(body, FailRequest.class));
                ex.sendResponseHeaders(204, -1);
            } else if (method.equals("PUT") && path.startsWith("/api/v1/blobs/")) {
                String sha = segment(path, 4);
                if (!MemoryBlobStore.sha256(body).equals(sha)) blobDigestMismatches.add(sha);
                blobs.put(sha, body);
                ex.sendResponseHeaders(201, -1);
            } else if (method.equals("GET") && path.startsWith("/api/v1/blobs/")) {
                byte[] blob = blobs.get(segment(path, 4));
                if (blob == null) {
                    problem(ex, 404, "no blob");
                    return;
                }
                ex.sendResponseHeaders(200, blob.length);
                ex.getResponseBody().write(blob);
            } else {
                problem(ex, 404, "no route " + method + " " + path);
            }
        }
    }

    private void register(HttpExchange ex, RegisterProviderRequest r, String caller) throws IOException {
        registrations.add(r);
        String id = r.providerId() != null ? r.providerId() : "prov-" + nextId.getAndIncrement();
        String owner = owners.get(id);
        if (owner != null && !owner.equals(caller)) {
            problem(ex, 403, "provider " + id + " belongs to another account");
            return;
        }
        owners.put(id, caller);
        knownProviders.add(id);
        json(ex, new ProviderView(id, r.name(), r.cpus(), r.memoryMb(), r.gpus(), r.region(), r.price(), r.slots(), r.sandboxed(), "HEALTHY",
                Instant.now(), Instant.now(), 0, 0, 0, 0, 1000, caller, false, null, 0.9, null, r.asks(), 1.0));
    }

    private void claim(HttpExchange ex, String providerId, ClaimRequest r) throws IOException {
        if (!knownProviders.contains(providerId)) {
            problem(ex, 404, "no provider " + providerId);
            return;
        }
        if (draining.contains(providerId)) {
            send(ex, 409, new Problem("about:blank", "Conflict", 409, "provider " + providerId + " is draining", null, null, "DRAINING"));
            return;
        }
        List<Assignment> out = new ArrayList<>();
        int born = generation.get();
        try {
            Assignment first = pending.poll(Math.min(r.waitMillis(), 200), TimeUnit.MILLISECONDS);
            if (first != null) out.add(first);
            while (out.size() < r.maxTasks() && !pending.isEmpty()) {
                Assignment next = pending.poll();
                if (next != null) out.add(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (generation.get() != born) {
            // The server stopped while this claim waited: its answer would go nowhere, so the work goes back.
            for (int i = out.size() - 1; i >= 0; i--) pending.addFirst(out.get(i));
            return;
        }
        json(ex, new ClaimResponse(out));
    }

    private static String segment(String path, int index) {
        return path.split("/")[index];
    }

    private static void json(HttpExchange ex, Object body) throws IOException {
        byte[] b = Json.write(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    private static void problem(HttpExchange ex, int status, String detail) throws IOException {
        String title = switch (status) {
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            default -> "Conflict";
        };
        send(ex, status, Problem.of(status, title, detail));
    }

    private static void send(HttpExchange ex, int status, Problem problem) throws IOException {
        byte[] b = Json.write(problem);
        ex.getResponseHeaders().add("Content-Type", Problem.MEDIA_TYPE);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }
}
