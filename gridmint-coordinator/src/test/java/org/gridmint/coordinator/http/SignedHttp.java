package org.gridmint.coordinator.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.auth.RequestSigner;
import org.gridmint.coordinator.blobs.BlobStore;

/**
 * Raw HTTP requests to a coordinator, signed as a test says: as someone, at some time, with some nonce, or not at
 * all, so that tests can send what no real client would (a replay, a borrowed key header, a stale timestamp).
 */
final class SignedHttp implements AutoCloseable {
    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    SignedHttp(String base) {
        this.base = base;
    }

    /** One request, ready to be sent (as often as a test likes). */
    record Prepared(HttpRequest request) {}

    /** A request signed by {@code signer} now, with a fresh nonce; {@code body} may be null. */
    HttpResponse<String> send(Identity signer, String method, String path, String body) throws Exception {
        return send(prepare(signer, method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), Instant.now(), RequestSigner.newNonce(), null));
    }

    HttpResponse<String> send(Prepared p) throws Exception {
        return http.send(p.request(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> unsigned(String method, String path, String body) throws Exception {
        return send(prepare(null, method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), Instant.now(), null, null));
    }

    /**
     * @param signer null for an unsigned request
     * @param headerOverrides replace signature headers after signing (e.g. another key in Gridmint-Key), or null
     */
    Prepared prepare(Identity signer, String method, String path, byte[] body, Instant at, String nonce, Map<String, String> headerOverrides) {
        var b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (signer != null) {
            URI uri = URI.create(base + path);
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            var headers = new java.util.LinkedHashMap<>(new RequestSigner(signer).sign(method, target, bodySha256(method, path, body), at, nonce).asMap());
            if (headerOverrides != null) headers.putAll(headerOverrides);
            headers.forEach(b::header);
        }
        return new Prepared(b.build());
    }

    /** What a client signs as the body's digest: a blob upload's is its name, anything else's is its bytes'. */
    static String bodySha256(String method, String path, byte[] body) {
        if (method.equals("PUT") && path.startsWith("/api/v1/blobs/")) return path.substring("/api/v1/blobs/".length());
        return BlobStore.sha256(body == null ? new byte[0] : body);
    }

    @Override
    public void close() {
        http.close();
    }
}
