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
import java.util.HexFormat;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.BlobRef;
import org.gridmint.api.Problem;
import org.gridmint.api.json.Json;

/**
 * Sends API requests to one coordinator with the JDK's HTTP client and turns error answers into
 * {@link ApiException}s. Shared by the SDK and the provider agent. Thread-safe.
 */
public final class ApiTransport implements AutoCloseable {
    private final URI base;
    private final String account;
    private final HttpClient http;
    private final Duration requestTimeout;

    public ApiTransport(URI base, String account) {
        this(base, account, Duration.ofSeconds(60));
    }

    public ApiTransport(URI base, String account, Duration requestTimeout) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.account = account;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    public URI base() {
        return base;
    }

    public <T> T get(String path, Class<T> type) {
        return send(request(path).GET(), type, requestTimeout);
    }

    public <T> T post(String path, Object body, Class<T> type) {
        return post(path, body, type, requestTimeout);
    }

    /** A POST whose answer may take up to {@code timeout}, e.g. a long-poll claim. */
    public <T> T post(String path, Object body, Class<T> type, Duration timeout) {
        var b = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body == null ? new byte[0] : Json.write(body)));
        return send(b, type, timeout);
    }

    /** Uploads a file as a content-addressed blob and returns its reference, named {@code name}. */
    public BlobRef putBlob(String name, Path file) {
        try {
            String sha = sha256(file);
            long size = Files.size(file);
            var b = request(ApiPaths.expand(ApiPaths.BLOB, sha)).header("Content-Type", "application/octet-stream")
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
            HttpResponse<InputStream> r = http.send(request(path).GET().timeout(requestTimeout).build(), HttpResponse.BodyHandlers.ofInputStream());
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

    /** Fetches {@code path} as text (logs). */
    public String getText(String path) {
        return new String(send(request(path).GET(), byte[].class, requestTimeout), java.nio.charset.StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        var b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
        if (account != null) b.header(ApiPaths.ACCOUNT_HEADER, account);
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
