package org.gridmint.client.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridmint.api.BlobRef;
import org.gridmint.api.JobList;
import org.gridmint.api.JobView;
import org.gridmint.api.Problem;
import org.gridmint.api.ProviderList;
import org.gridmint.api.ProviderView;
import org.gridmint.api.SubmitJobRequest;
import org.gridmint.api.auth.RequestSignature;
import org.gridmint.api.json.InvalidInputException;
import org.gridmint.api.json.Json;

/**
 * A small working coordinator over the real wire format, on 127.0.0.1 and an ephemeral port, for tests of
 * request shapes and of what clients do with answers. It stores blobs and jobs in memory; tests script the
 * views a job goes through ({@link #script}) and the errors a route answers ({@link #fail}). It checks every
 * request's signature as the coordinator does, and records the account that signed it.
 */
public final class FakeCoordinator implements AutoCloseable {
    /**
     * One request as received.
     *
     * @param account the account whose valid signature the request carries; null when unsigned or badly signed
     */
    public record Request(String method, String path, String query, String account, String contentType, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<SubmitJobRequest> submissions = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, JobView> jobs = new ConcurrentHashMap<>();
    private final Map<String, Deque<JobView>> scripts = new ConcurrentHashMap<>();
    private final Map<String, String> logs = new ConcurrentHashMap<>();
    private final Map<String, byte[]> archives = new ConcurrentHashMap<>();
    private final Map<String, byte[]> embeddings = new ConcurrentHashMap<>();
    private final Map<String, List<BlobRef>> outputs = new ConcurrentHashMap<>();
    private final Map<String, Problem> failures = new ConcurrentHashMap<>();
    private final Map<String, int[]> failureWindows = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final AtomicInteger nextJob = new AtomicInteger(1);
    private volatile List<ProviderView> providers = List.of();

    public FakeCoordinator() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<SubmitJobRequest> submissions() {
        return List.copyOf(submissions);
    }

    public Map<String, byte[]> blobs() {
        return Map.copyOf(blobs);
    }

    /** Stores a job as GET answers it once its script, if any, has run out. */
    public FakeCoordinator job(JobView job) {
        jobs.put(job.id(), job);
        return this;
    }

    /** The views successive GETs of the job answer; the last one repeats. */
    public FakeCoordinator script(String jobId, JobView... views) {
        scripts.put(jobId, new ArrayDeque<>(List.of(views)));
        jobs.put(jobId, views[views.length - 1]);
        return this;
    }

    /** The logs answered for the job ({@code task} null) or one of its tasks. */
    public FakeCoordinator logs(String jobId, Integer task, String text) {
        logs.put(jobId + "?" + task, text);
        return this;
    }

    public FakeCoordinator archive(String jobId, byte[] zip) {
        archives.put(jobId, zip);
        return this;
    }

    /** The embeddings answered for the job in {@code format} (npy or jsonl); other formats answer 400 naming format. */
    public FakeCoordinator embeddings(String jobId, String format, byte[] bytes) {
        embeddings.put(jobId + "?" + format, bytes);
        return this;
    }

    public FakeCoordinator outputs(String jobId, int index, List<BlobRef> refs) {
        outputs.put(jobId + "/" + index, refs);
        return this;
    }

    public FakeCoordinator providers(List<ProviderView> list) {
        providers = List.copyOf(list);
        return this;
    }

    /** Every request of {@code method} to {@code path} (no query) answers this problem. */
    public FakeCoordinator fail(String method, String path, Problem problem) {
        return fail(method, path, problem, 0, Integer.MAX_VALUE);
    }

    /**
     * Requests of {@code method} to {@code path} number {@code from} to {@code from + times - 1} (counting from 0)
     * answer this problem, as a restarting server would.
     */
    public FakeCoordinator fail(String method, String path, Problem problem, int from, int times) {
        failures.put(method + " " + path, problem);
        failureWindows.put(method + " " + path, new int[] {from, times});
        return this;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            requests.add(new Request(method, path, ex.getRequestURI().getQuery(), signer(ex, body), ex.getRequestHeaders().getFirst("Content-Type"),
                    body));
            String route = method + " " + path;
            int n = seen.computeIfAbsent(route, k -> new AtomicInteger()).getAndIncrement();
            Problem failure = failures.get(route);
            int[] window = failureWindows.get(route);
            if (failure != null && n >= window[0] && n - window[0] < window[1]) {
                send(ex, failure.status(), Problem.MEDIA_TYPE, Json.write(failure));
                return;
            }
            route(ex, method, path, body);
        } catch (InvalidInputException e) {
            var errors = e.errors().stream().map(f -> new Problem.FieldProblem(f.field(), f.message())).toList();
            send(ex, 400, Problem.MEDIA_TYPE, Json.write(new Problem("about:blank", "Bad Request", 400, "invalid request", null, errors, null)));
        }
    }

    private void route(HttpExchange ex, String method, String path, byte[] body) throws IOException {
        String[] p = path.replaceFirst("^/api/v1/", "").split("/");
        String query = ex.getRequestURI().getQuery();
        if (method.equals("PUT") && p.length == 2 && p[0].equals("blobs")) {
            if (!sha256(body).equals(p[1])) {
                notFound(ex, 400, "the body's SHA-256 is not " + p[1]);
                return;
            }
            blobs.put(p[1], body);
            send(ex, 201, null, new byte[0]);
        } else if (method.equals("POST") && path.equals("/api/v1/jobs")) {
            SubmitJobRequest r = Json.read(body, SubmitJobRequest.class);
            for (BlobRef b : r.files()) {
                if (!blobs.containsKey(b.sha256())) {
                    notFound(ex, 400, "blob " + b.sha256() + " was never uploaded");
                    return;
                }
            }
            submissions.add(r);
            JobView job = Fixtures.submitted("job-" + nextJob.getAndIncrement(), r.spec());
            jobs.put(job.id(), job);
            send(ex, 201, "application/json", Json.write(job));
        } else if (method.equals("GET") && path.equals("/api/v1/jobs")) {
            send(ex, 200, "application/json", Json.write(new JobList(jobs.values().stream().map(Fixtures::withoutTasks).toList())));
        } else if (method.equals("GET") && path.equals("/api/v1/providers")) {
            send(ex, 200, "application/json", Json.write(new ProviderList(providers)));
        } else if (p.length == 3 && p[0].equals("providers") && (p[2].equals("stake") || p[2].equals("unstake"))) {
            stake(ex, method, p[1], p[2].equals("unstake"), body);
        } else if (path.equals(org.gridmint.api.ApiPaths.CHAIN) || (p.length == 2 && p[0].equals("wallet")
                && List.of("address", "withdrawals", "claims").contains(p[1]))) {
            settlement(ex, method, path, body);
        } else if (method.equals("GET") && path.equals(org.gridmint.api.ApiPaths.WALLET_HISTORY)) {
            // A wallet nothing was ever posted to: what a coordinator that never credits a deposit shows.
            send(ex, 200, "application/json", Json.write(new org.gridmint.api.WalletHistory(signer(ex, body), List.of(), null)));
        } else if (p.length >= 2 && p[0].equals("jobs") && !jobs.containsKey(p[1])) {
            notFound(ex, 404, "no job '" + p[1] + "'");
        } else if (method.equals("GET") && p.length == 2 && p[0].equals("jobs")) {
            Deque<JobView> script = scripts.get(p[1]);
            JobView view = script != null && !script.isEmpty() ? (script.size() > 1 ? script.poll() : script.peek()) : jobs.get(p[1]);
            send(ex, 200, "application/json", Json.write(view));
        } else if (method.equals("POST") && p.length == 3 && p[2].equals("cancel")) {
            JobView cancelled = Fixtures.withState(jobs.get(p[1]), "CANCELLED");
            scripts.remove(p[1]);
            jobs.put(p[1], cancelled);
            send(ex, 200, "application/json", Json.write(cancelled));
        } else if (method.equals("GET") && p.length == 3 && p[2].equals("logs")) {
            String task = query != null && query.startsWith("task=") ? query.substring(5) : "null";
            send(ex, 200, "text/plain", logs.getOrDefault(p[1] + "?" + task, "").getBytes(StandardCharsets.UTF_8));
        } else if (method.equals("GET") && p.length == 3 && p[2].equals("results.zip")) {
            byte[] zip = archives.get(p[1]);
            if (zip == null) notFound(ex, 404, "job '" + p[1] + "' has no results yet");
            else send(ex, 200, "application/zip", zip);
        } else if (method.equals("GET") && p.length == 3 && p[2].equals("embeddings")) {
            String format = query != null && query.startsWith("format=") ? query.substring(7) : "npy";
            byte[] bytes = embeddings.get(p[1] + "?" + format);
            if (!format.equals("npy") && !format.equals("jsonl"))
                send(ex, 400, Problem.MEDIA_TYPE, Json.write(new Problem("about:blank", "Bad Request", 400, "format: must be npy or jsonl", null,
                        List.of(new Problem.FieldProblem("format", "must be npy or jsonl, was '" + format + "'")), null)));
            else if (bytes == null) notFound(ex, 404, "job '" + p[1] + "' has no embeddings");
            else send(ex, 200, format.equals("npy") ? "application/octet-stream" : "application/x-ndjson", bytes);
        } else if (method.equals("GET") && p.length == 5 && p[2].equals("tasks") && p[4].equals("results")) {
            var refs = outputs.getOrDefault(p[1] + "/" + p[3], List.of());
            send(ex, 200, "application/json", Json.write(Map.of("outputs", refs)));
        } else if (method.equals("GET") && p.length == 6 && p[2].equals("tasks") && p[4].equals("results")) {
            var ref = outputs.getOrDefault(p[1] + "/" + p[3], List.of()).stream().filter(b -> b.name().equals(p[5])).findFirst();
            if (ref.isEmpty() || !blobs.containsKey(ref.get().sha256())) notFound(ex, 404, "no output '" + p[5] + "'");
            else send(ex, 200, "application/octet-stream", blobs.get(ref.get().sha256()));
        } else {
            notFound(ex, 404, "no route " + method + " " + path);
        }
    }

    /** A provider's stake as a coordinator keeps it, without the wallet or the unbonding period: staked, and unbonding. */
    private final Map<String, java.math.BigDecimal[]> stakes = new ConcurrentHashMap<>();

    private void stake(HttpExchange ex, String method, String provider, boolean unstake, byte[] body) throws IOException {
        var s = stakes.computeIfAbsent(provider, k -> new java.math.BigDecimal[] {java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO});
        if (method.equals("POST")) {
            var amount = Json.read(body, org.gridmint.api.StakeRequest.class).amount();
            if (amount == null || amount.signum() <= 0) {
                send(ex, 400, Problem.MEDIA_TYPE, Json.write(new Problem("about:blank", "Bad Request", 400, "amount: must be more than 0", null,
                        List.of(new Problem.FieldProblem("amount", "must be more than 0")), null)));
                return;
            }
            if (unstake) s[1] = s[1].add(amount);
            else s[0] = s[0].add(amount);
        }
        List<org.gridmint.api.UnbondingView> unbondings = s[1].signum() == 0 ? List.of()
                : List.of(new org.gridmint.api.UnbondingView("unb-1", s[1], s[1], Fixtures.T0, Fixtures.T0.plusSeconds(7 * 86_400), null, "UNBONDING"));
        send(ex, 200, "application/json", Json.write(new org.gridmint.api.StakeView(provider, s[0], s[1], unbondings, java.math.BigDecimal.ZERO)));
    }

    private volatile org.gridmint.api.ChainInfo chain = org.gridmint.api.ChainInfo.embedded();
    private volatile String payoutAddress;
    private final List<org.gridmint.api.WithdrawalView> withdrawals = new CopyOnWriteArrayList<>();
    private volatile List<org.gridmint.api.ClaimView> claims = List.of();

    /** What GET /chain answers (embedded until set). */
    public FakeCoordinator chain(org.gridmint.api.ChainInfo info) {
        chain = info;
        return this;
    }

    /** The payout address the settlement routes start with, as if the account had set it. */
    public FakeCoordinator payoutAddress(String address) {
        payoutAddress = address;
        return this;
    }

    /** The leaves GET /wallet/claims answers. */
    public FakeCoordinator claims(List<org.gridmint.api.ClaimView> leaves) {
        claims = List.copyOf(leaves);
        return this;
    }

    /**
     * The settlement routes as an on-chain coordinator keeps them for one account: a payout address, withdrawals that wait
     * for the next epoch (a new reference each, a repeated one answers the first), and scripted claims.
     */
    private void settlement(HttpExchange ex, String method, String path, byte[] body) throws IOException {
        String account = signer(ex, body);
        Object answer;
        if (path.equals(org.gridmint.api.ApiPaths.CHAIN)) {
            answer = chain;
        } else if (path.equals(org.gridmint.api.ApiPaths.WALLET_ADDRESS)) {
            if (method.equals("PUT")) {
                String a = Json.read(body, org.gridmint.api.PayoutAddressRequest.class).address();
                if (a == null || !a.matches("0x[0-9a-fA-F]{40}")) {
                    send(ex, 400, Problem.MEDIA_TYPE, Json.write(new Problem("about:blank", "Bad Request", 400, "address: must be 0x and 40 hex digits",
                            null, List.of(new Problem.FieldProblem("address", "must be 0x and 40 hex digits")), null)));
                    return;
                }
                payoutAddress = a.toLowerCase(java.util.Locale.ROOT);
            }
            answer = new org.gridmint.api.PayoutAddressView(account, payoutAddress, payoutAddress == null ? null : Fixtures.T0);
        } else if (path.equals(org.gridmint.api.ApiPaths.WALLET_WITHDRAWALS) && method.equals("POST")) {
            var r = Json.read(body, org.gridmint.api.WithdrawRequest.class);
            String id = "wd-" + (r.reference() == null ? withdrawals.size() + 1 : r.reference());
            answer = withdrawals.stream().filter(w -> w.id().equals(id)).findFirst().orElseGet(() -> {
                var w = new org.gridmint.api.WithdrawalView(id, account, payoutAddress, r.amount(), Fixtures.T0, null, "PENDING");
                withdrawals.addFirst(w);
                return w;
            });
        } else if (path.equals(org.gridmint.api.ApiPaths.WALLET_WITHDRAWALS)) {
            answer = new org.gridmint.api.WithdrawalList(account, List.copyOf(withdrawals));
        } else {
            answer = new org.gridmint.api.ClaimList(account, payoutAddress, chain, claims);
        }
        send(ex, 200, "application/json", Json.write(answer));
    }

    /** The account that validly signed the request, as the coordinator would verify it; null when none did. */
    private static String signer(HttpExchange ex, byte[] body) {
        String path = ex.getRequestURI().getRawPath();
        String target = path + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
        // A blob's PUT is signed over its name (its SHA-256); every other request over its body.
        boolean blob = ex.getRequestMethod().equals("PUT") && path.startsWith("/api/v1/blobs/");
        String digest = blob ? path.substring(path.lastIndexOf('/') + 1) : sha256(body);
        var h = ex.getRequestHeaders();
        var verdict = RequestSignature.check(ex.getRequestMethod(), target, digest, h.getFirst(RequestSignature.KEY_HEADER),
                h.getFirst(RequestSignature.TIMESTAMP_HEADER), h.getFirst(RequestSignature.NONCE_HEADER),
                h.getFirst(RequestSignature.SIGNATURE_HEADER), java.time.Instant.now());
        return verdict instanceof RequestSignature.Verdict.Valid v ? v.account().value() : null;
    }

    /** Stores a blob as if uploaded, e.g. a task output a test then downloads. */
    public BlobRef blob(String name, byte[] content) {
        String sha = sha256(content);
        blobs.put(sha, content);
        return new BlobRef(name, sha, content.length);
    }

    private static void notFound(HttpExchange ex, int status, String detail) throws IOException {
        String title = status == 404 ? "Not Found" : "Bad Request";
        send(ex, status, Problem.MEDIA_TYPE, Json.write(Problem.of(status, title, detail)));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        if (type != null) ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) ex.getResponseBody().write(body);
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
