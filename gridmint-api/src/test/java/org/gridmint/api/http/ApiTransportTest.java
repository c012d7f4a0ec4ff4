package org.gridmint.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.Problem;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.auth.RequestSignature;
import org.gridmint.api.auth.RequestSignature.Verdict;
import org.gridmint.api.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the transport signs, checked the way the coordinator checks it, against what a server really received. */
class ApiTransportTest {
    /** One request as the server saw it, and how its signature checked out. */
    record Seen(String method, String target, String nonce, Verdict verdict) {}

    @TempDir Path tmp;
    private final Identity alice = Identity.generate();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ApiTransport transport;
    private volatile int failuresLeft;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                byte[] body = ex.getRequestBody().readAllBytes();
                String path = ex.getRequestURI().getRawPath();
                String query = ex.getRequestURI().getRawQuery();
                String target = path + (query == null ? "" : "?" + query);
                // Like the coordinator: a blob's digest is its name; anything else's is its bytes'.
                String digest = ex.getRequestMethod().equals("PUT") ? path.substring(path.lastIndexOf('/') + 1) : ApiTransport.sha256(body);
                var h = ex.getRequestHeaders();
                String nonce = h.getFirst(RequestSignature.NONCE_HEADER);
                seen.add(new Seen(ex.getRequestMethod(), target, nonce, RequestSignature.check(ex.getRequestMethod(), target, digest,
                        h.getFirst(RequestSignature.KEY_HEADER), h.getFirst(RequestSignature.TIMESTAMP_HEADER), nonce,
                        h.getFirst(RequestSignature.SIGNATURE_HEADER), Instant.now())));
                if (failuresLeft > 0) {
                    failuresLeft--;
                    byte[] p = Json.write(Problem.of(503, "Service Unavailable", "restarting"));
                    ex.sendResponseHeaders(503, p.length);
                    ex.getResponseBody().write(p);
                    return;
                }
                byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, answer.length);
                ex.getResponseBody().write(answer);
            }
        });
        server.start();
        transport = new ApiTransport(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), alice);
    }

    @AfterEach
    void stop() {
        transport.close();
        server.stop(0);
    }

    @Test
    void everyKindOfRequest_isSignedOverWhatTheServerReceives() throws IOException {
        Path file = Files.writeString(tmp.resolve("in.txt"), "hello");
        String sha = ApiTransport.sha256(file);

        transport.get(ApiPaths.JOBS + "?limit=5&before=a%20b", java.util.Map.class);
        transport.post(ApiPaths.JOBS, java.util.Map.of("spec", "x"), java.util.Map.class);
        transport.post(ApiPaths.expand(ApiPaths.JOB_CANCEL, "job-1"), null, Void.class);
        transport.putBlob("in.txt", file);
        transport.getText(ApiPaths.expand(ApiPaths.JOB_LOGS, "job-1") + "?task=0");
        transport.download(ApiPaths.expand(ApiPaths.TASK_RESULT_FILE, "job-1", 0, "out/a b.txt"), tmp.resolve("got"));

        assertThat(seen).extracting(Seen::method, Seen::target).containsExactly(
                org.assertj.core.groups.Tuple.tuple("GET", "/api/v1/jobs?limit=5&before=a%20b"),
                org.assertj.core.groups.Tuple.tuple("POST", "/api/v1/jobs"),
                org.assertj.core.groups.Tuple.tuple("POST", "/api/v1/jobs/job-1/cancel"),
                org.assertj.core.groups.Tuple.tuple("PUT", "/api/v1/blobs/" + sha),
                org.assertj.core.groups.Tuple.tuple("GET", "/api/v1/jobs/job-1/logs?task=0"),
                org.assertj.core.groups.Tuple.tuple("GET", "/api/v1/jobs/job-1/tasks/0/results/out%2Fa+b.txt"));
        assertThat(seen).extracting(Seen::verdict).containsOnly(new Verdict.Valid(alice.account()));
        assertThat(seen).extracting(Seen::nonce).doesNotHaveDuplicates();
    }

    @Test
    void aRetriedCall_isSignedAnew() {
        failuresLeft = 1;

        assertThatThrownBy(() -> transport.post(ApiPaths.JOBS, java.util.Map.of("a", 1), Void.class)).isInstanceOf(ApiException.class);
        transport.post(ApiPaths.JOBS, java.util.Map.of("a", 1), Void.class);

        assertThat(seen).hasSize(2).extracting(Seen::nonce).doesNotHaveDuplicates();
        assertThat(seen).extracting(Seen::verdict).containsOnly(new Verdict.Valid(alice.account()));
    }

    @Test
    void withoutAnIdentity_nothingIsSigned() {
        try (ApiTransport anonymous = new ApiTransport(transport.base(), null)) {
            anonymous.get(ApiPaths.PROVIDERS, java.util.Map.class);
        }

        assertThat(seen).singleElement().satisfies(s -> assertThat(s.verdict()).isInstanceOf(Verdict.Malformed.class));
    }
}
