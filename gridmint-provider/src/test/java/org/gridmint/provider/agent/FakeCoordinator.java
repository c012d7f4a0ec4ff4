package org.gridmint.provider.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
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
import org.gridmint.api.ClaimRequest;
import org.gridmint.api.ClaimResponse;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.FailRequest;
import org.gridmint.api.HeartbeatRequest;
import org.gridmint.api.HeartbeatResponse;
import org.gridmint.api.Problem;
import org.gridmint.api.ProviderView;
import org.gridmint.api.RegisterProviderRequest;
import org.gridmint.api.json.Json;
import org.gridmint.provider.testing.MemoryBlobStore;

/**
 * A coordinator that speaks the provider half of the API over real HTTP on 127.0.0.1, with a queue of
 * assignments to hand out and a record of everything the agent sent. Stops and restarts on the same port.
 */
final class FakeCoordinator implements AutoCloseable {
    record Beat(String attemptId, HeartbeatRequest request) {}

    final List<RegisterProviderRequest> registrations = new CopyOnWriteArrayList<>();
    final List<Beat> heartbeats = new CopyOnWriteArrayList<>();
    final Map<String, CompleteRequest> completed = new ConcurrentHashMap<>();
    final Map<String, FailRequest> failed = new ConcurrentHashMap<>();
    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    final List<String> blobDigestMismatches = new CopyOnWriteArrayList<>();
    final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    final Set<String> knownProviders = ConcurrentHashMap.newKeySet();
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
            if (method.equals("POST") && path.equals("/api/v1/providers")) {
                register(ex);
            } else if (method.equals("POST") && path.matches("/api/v1/providers/[^/]+/claim")) {
                claim(ex, segment(path, 4));
            } else if (method.equals("POST") && path.matches("/api/v1/attempts/[^/]+/heartbeat")) {
                String id = segment(path, 4);
                heartbeats.add(new Beat(id, read(ex, HeartbeatRequest.class)));
                if (completed.containsKey(id) || failed.containsKey(id)) problem(ex, 409, "attempt " + id + " has ended");
                else json(ex, new HeartbeatResponse("RUNNING", cancelled.contains(id), Instant.now().plusSeconds(30)));
            } else if (method.equals("POST") && path.matches("/api/v1/attempts/[^/]+/complete")) {
                completed.put(segment(path, 4), read(ex, CompleteRequest.class));
                ex.sendResponseHeaders(204, -1);
            } else if (method.equals("POST") && path.matches("/api/v1/attempts/[^/]+/fail")) {
                failed.put(segment(path, 4), read(ex, FailRequest.class));
                ex.sendResponseHeaders(204, -1);
            } else if (method.equals("PUT") && path.startsWith("/api/v1/blobs/")) {
                String sha = segment(path, 4);
                byte[] body = ex.getRequestBody().readAllBytes();
                if (!MemoryBlobStore.sha256(body).equals(sha)) blobDigestMismatches.add(sha);
                blobs.put(sha, body);
                ex.sendResponseHeaders(201, -1);
            } else if (method.equals("GET") && path.startsWith("/api/v1/blobs/")) {
                byte[] body = blobs.get(segment(path, 4));
                if (body == null) {
                    problem(ex, 404, "no blob");
                    return;
                }
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            } else {
                problem(ex, 404, "no route " + method + " " + path);
            }
        }
    }

    private void register(HttpExchange ex) throws IOException {
        RegisterProviderRequest r = read(ex, RegisterProviderRequest.class);
        registrations.add(r);
        String id = r.providerId() != null ? r.providerId() : "prov-" + nextId.getAndIncrement();
        knownProviders.add(id);
        json(ex, new ProviderView(id, r.name(), r.cpus(), r.memoryMb(), r.gpus(), r.region(), r.price(), r.slots(), r.sandboxed(), "ONLINE",
                Instant.now(), Instant.now(), 0, 0, 0, 0, 1000));
    }

    private void claim(HttpExchange ex, String providerId) throws IOException {
        ClaimRequest r = read(ex, ClaimRequest.class);
        if (!knownProviders.contains(providerId)) {
            problem(ex, 404, "no provider " + providerId);
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

    private static <T> T read(HttpExchange ex, Class<T> type) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            return Json.read(in.readAllBytes(), type);
        }
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
        byte[] b = Json.write(Problem.of(status, status == 404 ? "Not Found" : "Conflict", detail));
        ex.getResponseHeaders().add("Content-Type", Problem.MEDIA_TYPE);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }
}
