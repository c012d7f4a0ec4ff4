package org.gridmint.provider.agent;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.BlobRef;
import org.gridmint.api.CheckpointRequest;
import org.gridmint.api.CheckpointView;
import org.gridmint.api.ClaimRequest;
import org.gridmint.api.ClaimResponse;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.FailRequest;
import org.gridmint.api.HeartbeatRequest;
import org.gridmint.api.HeartbeatResponse;
import org.gridmint.api.ProviderView;
import org.gridmint.api.RegisterProviderRequest;
import org.gridmint.api.http.ApiException;
import org.gridmint.api.http.ApiTransport;

/**
 * The provider's side of the API, one method per call. Once {@link #disconnect()} is called every call
 * fails at once, which is how a simulated crash makes sure nothing more reaches the coordinator.
 */
final class CoordinatorClient {
    /** Head room over the long-poll wait, for the coordinator to answer once the wait is over. */
    private static final Duration CLAIM_SLACK = Duration.ofSeconds(15);

    private final ApiTransport transport;
    private volatile boolean disconnected;

    CoordinatorClient(ApiTransport transport) {
        this.transport = transport;
    }

    /** Whether a failed call may succeed later unchanged: the coordinator is away, overloaded or restarting. */
    static boolean retryable(RuntimeException e) {
        return e instanceof UncheckedIOException || (e instanceof ApiException a && a.retryable());
    }

    ProviderView register(RegisterProviderRequest r) {
        check();
        return transport.post(ApiPaths.PROVIDERS, r, ProviderView.class);
    }

    ClaimResponse claim(String providerId, ClaimRequest r) {
        check();
        return transport.post(ApiPaths.expand(ApiPaths.PROVIDER_CLAIM, providerId), r, ClaimResponse.class,
                Duration.ofMillis(r.waitMillis()).plus(CLAIM_SLACK));
    }

    HeartbeatResponse heartbeat(String attemptId, HeartbeatRequest r) {
        check();
        return transport.post(ApiPaths.expand(ApiPaths.ATTEMPT_HEARTBEAT, attemptId), r, HeartbeatResponse.class);
    }

    void complete(String attemptId, CompleteRequest r) {
        check();
        transport.post(ApiPaths.expand(ApiPaths.ATTEMPT_COMPLETE, attemptId), r, Void.class);
    }

    void fail(String attemptId, FailRequest r) {
        check();
        transport.post(ApiPaths.expand(ApiPaths.ATTEMPT_FAIL, attemptId), r, Void.class);
    }

    CheckpointView checkpoint(String attemptId, CheckpointRequest r) {
        check();
        return transport.post(ApiPaths.expand(ApiPaths.ATTEMPT_CHECKPOINT, attemptId), r, CheckpointView.class);
    }

    BlobRef putBlob(String name, Path file) {
        check();
        return transport.putBlob(name, file);
    }

    void download(String sha256, Path target) {
        check();
        transport.download(ApiPaths.expand(ApiPaths.BLOB, sha256), target);
    }

    void disconnect() {
        disconnected = true;
    }

    boolean disconnected() {
        return disconnected;
    }

    /** Frees the HTTP client; in-flight calls are cut by interrupting their threads first. */
    void close() {
        disconnected = true;
        Thread.ofVirtual().name("gridmint-http-close").start(transport::close);
    }

    private void check() {
        if (disconnected) throw new AgentStoppedException();
    }
}
