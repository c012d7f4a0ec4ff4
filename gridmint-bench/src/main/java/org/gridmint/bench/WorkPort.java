package org.gridmint.bench;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.Assignment;
import org.gridmint.api.AttemptView;
import org.gridmint.api.ClaimRequest;
import org.gridmint.api.ClaimResponse;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.http.ApiTransport;
import org.gridmint.coordinator.providers.WorkService;
import org.gridmint.core.ids.AccountId;

/** The two calls of an agent's work loop, made over HTTP or straight into the coordinator's work service. */
interface WorkPort extends AutoCloseable {

    List<Assignment> claim(String providerId, ClaimRequest request);

    void complete(String attemptId, CompleteRequest request);

    @Override
    default void close() {}

    /** One agent's own HTTP client, as a real agent has, so each agent keeps its own connection; it signs as {@code owner}. */
    static WorkPort http(URI coordinator, Identity owner) {
        ApiTransport api = new ApiTransport(coordinator, owner);
        return new WorkPort() {
            @Override
            public List<Assignment> claim(String providerId, ClaimRequest request) {
                // The long poll may legitimately take waitMillis; the margin is for a loaded machine.
                Duration timeout = Duration.ofMillis(request.waitMillis()).plusSeconds(30);
                return api.post(ApiPaths.expand(ApiPaths.PROVIDER_CLAIM, providerId), request, ClaimResponse.class, timeout).assignments();
            }

            @Override
            public void complete(String attemptId, CompleteRequest request) {
                api.post(ApiPaths.expand(ApiPaths.ATTEMPT_COMPLETE, attemptId), request, AttemptView.class);
            }

            @Override
            public void close() {
                api.close();
            }
        };
    }

    /** The same calls without HTTP, JSON or signatures: what is left is the services and the store. */
    static WorkPort direct(WorkService work, AccountId owner) {
        return new WorkPort() {
            @Override
            public List<Assignment> claim(String providerId, ClaimRequest request) {
                try {
                    return work.claim(owner, providerId, request);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while claiming", e);
                }
            }

            @Override
            public void complete(String attemptId, CompleteRequest request) {
                work.complete(owner, attemptId, request);
            }
        };
    }
}
