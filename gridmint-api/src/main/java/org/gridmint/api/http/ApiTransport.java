package org.gridmint.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.BlobRef;
import org.gridmint.api.Problem;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.auth.RequestSigner;
import org.gridmint.api.json.Json;

/**
 * Sends API requests to one coordinator with the JDK's HTTP client, signing each as its {@link Identity}, and
 * turns error answers into {@link ApiException}s. Shared by the SDK and the provider agent. Thread-safe.
 *
 * <p>Every send is signed anew (fresh nonce, current time), so a call that a caller retries is a new request
 * that the coordinator's replay check accepts.
 */
public final class ApiTransport implements AutoCloseable {
    /** The SHA-256 of no bytes: the body digest of a GET. */
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final URI base;
    private final RequestSigner signer;
    private final HttpClient http;
    private final Duration requestTimeout;
    /** The wall clock: the coordinator accepts only signatures made within minutes of its own clock. */
    private final InstantSource clock = InstantSource.system();

    /** @param identity who signs; null sends unsigned requests, which only the public routes (health, providers) accept */
    public ApiTransport(URI base, Identity identity) {
        this(base, identity, Duration.ofSeconds(60));
    }

    public ApiTransport(URI base, Identity identity, Duration requestTimeout) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.signer = identity == null ? null : new RequestSigner(identity);
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    public URI base() {
        return base;
    }

    /** The identity requests are signed with, or null. */
    public Identity identity() {
        return signer == null ? null : signer.identity();
    }

    public <T> T get(String path, Class<T> type) {
        return send(request("GET", path, EMPTY_SHA256).GET(), type, requestTimeout);
    }

    public <T> T post(String path, Object body, Class<T> type) {
        return post(path, body, type, requestTimeout);
    }

    /** A POST whose answer may take up to {@code timeout}, e.g. a long-poll claim. */
    public <T> T post(String path, Object body, Class<T> type, Duration timeout) {
        byte[] bytes = body == null ? new byte[0] : Json.write(body);
        var b = request("POST", path, sha256(bytes)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        return send(b, type, timeout);
    }

    /** A PUT of a JSON body, e.g. replacing a provider's asks. */
    public <T> T put(String path, Object body, Class<T> type) {
        byte[] bytes = Json.write(body);
        var b = request("PUT", path, sha256(bytes)).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        return send(b, type, requestTimeout);
    }

    /** Uploads a file as a content-addressed blob and returns its reference, named {@code name}. */
    public BlobRef putBlob(String name, Path file) {
        try {
            String sha = sha256(file);
            long size = Files.size(file);
            var b = request("PUT", ApiPaths.expand(ApiPaths.BLOB, sha), sha).header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofFile(file));
            send(b, Void.class, requestTimeout);
            return new BlobRef(name, sha, size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Downloads {@code path} into {@code target}, replacing it atomically once complete. */
    public void download(String path, Path target) {
        try {
            HttpResponse<InputStream> r = http.send(request("GET", path, EMPTY_SHA256).GET().timeout(requestTimeout).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() >= 400) throw new ApiException(problem(r.statusCode(), in.readAllBytes()));
                Path tmp = target.resolveSibling(target.getFileName() + ".part");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot download " + base + path + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }

    /**
     * Streams the body of {@code path} into {@code out} (which stays open); an error answer throws {@link ApiException}
     * before anything is written.
     */
    public void download(String path, java.io.OutputStream out) {
        try {
            HttpResponse<InputStream> r = http.send(request("GET", path, EMPTY_SHA256).GET().timeout(requestTimeout).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() >= 400) throw new ApiException(problem(r.statusCode(), in.readAllBytes()));
                in.transferTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot download " + base + path + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }

    /** Fetches {@code path} as text (logs). */
    public String getText(String path) {
        return new String(send(request("GET", path, EMPTY_SHA256).GET(), byte[].class, requestTimeout), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A request for {@code path}, signed over its method, raw path and query, the time, a fresh nonce and the body's digest. */
    private HttpRequest.Builder request(String method, String path, String bodySha256) {
        URI uri = URI.create(base + path);
        var b = HttpRequest.newBuilder(uri).header("Accept", "application/json");
        if (signer != null) {
            // Exactly the request target the coordinator reads back: the raw (still percent-encoded) path and query.
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            signer.sign(method, target, bodySha256, clock.instant()).asMap().forEach(b::header);
        }
        return b;
    }

    @SuppressWarnings("unchecked")
    private <T> T send(HttpRequest.Builder b, Class<T> type, Duration timeout) {
        HttpResponse<byte[]> r;
        try {
            r = http.send(b.timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the coordinator at " + base + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
        if (r.statusCode() >= 400) throw new ApiException(problem(r.statusCode(), r.body()));
        if (type == Void.class) return null;
        if (type == byte[].class) return (T) r.body();
        return Json.read(r.body(), type);
    }

    private static Problem problem(int status, byte[] body) {
        try {
            Problem p = Json.mapper().readValue(body, Problem.class);
            if (p.status() == 0) return new Problem(p.type(), p.title(), status, p.detail(), p.instance(), p.errors(), p.state());
            return p;
        } catch (IOException | RuntimeException e) {
            String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
            return Problem.of(status, "HTTP " + status, text.isBlank() ? null : text.strip());
        }
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException) return "connection refused (is the coordinator running?)";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The lower-case hex SHA-256 of some bytes. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lower-case hex SHA-256 of a file's content. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public void close() {
        http.close();
    }
}
