package org.gridmint.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.Assignment;
import org.gridmint.api.ClaimRequest;
import org.gridmint.api.ClaimResponse;
import org.gridmint.api.FailRequest;
import org.gridmint.api.HeartbeatRequest;
import org.gridmint.api.HeartbeatResponse;
import org.gridmint.api.JobList;
import org.gridmint.api.JobView;
import org.gridmint.api.ProblemTypes;
import org.gridmint.api.ProviderList;
import org.gridmint.api.ProviderView;
import org.gridmint.api.QuarantineRequest;
import org.gridmint.api.RegisterProviderRequest;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.http.ApiException;
import org.gridmint.api.http.ApiTransport;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.TestNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Authorization by owner over real HTTP, with the real signing client: a client reaches only its own jobs, a
 * provider only its own attempts, and only the coordinator's key may quarantine.
 */
class HttpOwnershipTest extends InProcessNetworkTest {
    final Identity alice = Identity.generate();
    final Identity bob = Identity.generate();
    ApiTransport asAlice;
    ApiTransport asBob;

    @BeforeEach
    void start() {
        net.coordinator.start();
        asAlice = new ApiTransport(URI.create(net.coordinator.url()), alice);
        asBob = new ApiTransport(URI.create(net.coordinator.url()), bob);
    }

    @AfterEach
    void stop() {
        asAlice.close();
        asBob.close();
    }

    private static Consumer<Throwable> status(int status, String type) {
        return e -> {
            assertThat(e).isInstanceOf(ApiException.class);
            assertThat(((ApiException) e).status()).as(e.getMessage()).isEqualTo(status);
            if (type != null) assertThat(((ApiException) e).problem().type()).isEqualTo(type);
        };
    }

    private String register(ApiTransport as, String providerId, String name) {
        return as.post(ApiPaths.PROVIDERS, new RegisterProviderRequest(providerId, name, 4, 8192, List.of(), "local", new BigDecimal("0.1"), 2,
                true, "test"), ProviderView.class).id();
    }

    private List<Assignment> claim(ApiTransport as, String provider) {
        return as.post(ApiPaths.expand(ApiPaths.PROVIDER_CLAIM, provider), new ClaimRequest(1, 0), ClaimResponse.class).assignments();
    }

    /** A job of alice's whose only task succeeded, with an output and logs. */
    private String finishedJobOfAlice() {
        String job = net.submit(alice.account().value(), TestNetwork.spec(1)).id();
        String p = net.provider("worker", "0.1", 1);
        net.complete(p, net.claim(p, 1).getFirst());
        assertThat(asAlice.get(ApiPaths.expand(ApiPaths.JOB, job), JobView.class).state()).isEqualTo("SUCCEEDED");
        return job;
    }

    @Test
    void anotherClient_cannotReadOrCancelAJob_andSees404AsIfItDidNotExist() {
        String job = finishedJobOfAlice();
        List<String> reads = List.of(ApiPaths.expand(ApiPaths.JOB, job), ApiPaths.expand(ApiPaths.JOB_LOGS, job),
                ApiPaths.expand(ApiPaths.TASK_RESULTS, job, 0), ApiPaths.expand(ApiPaths.TASK_RESULT_FILE, job, 0, "out/result.txt"),
                ApiPaths.expand(ApiPaths.JOB_RESULTS_ARCHIVE, job));

        for (String path : reads) {
            assertThat(asAlice.get(path, byte[].class)).as(path).isNotNull();
            assertThatThrownBy(() -> asBob.get(path, byte[].class)).as(path).satisfies(status(404, null));
        }
        assertThatThrownBy(() -> asBob.post(ApiPaths.expand(ApiPaths.JOB_CANCEL, job), null, JobView.class)).satisfies(status(404, null));
        assertThat(asBob.get(ApiPaths.JOBS, JobList.class).jobs()).isEmpty();
        assertThat(asAlice.get(ApiPaths.JOBS, JobList.class).jobs()).extracting(JobView::id).containsExactly(job);
    }

    @Test
    void registeringProvider_makesTheCallerItsOwner_andAnotherAccountCannotTakeItsId() {
        String mine = register(asAlice, null, "alices-rig");

        assertThatThrownBy(() -> register(asBob, mine, "stolen")).satisfies(status(403, ProblemTypes.NOT_OWNER));
        assertThat(register(asAlice, mine, "alices-rig-renamed")).isEqualTo(mine);
        assertThat(net.coordinator.providers().list().providers()).singleElement().satisfies(p -> {
            assertThat(p.owner()).isEqualTo(alice.account().value());
            assertThat(p.name()).isEqualTo("alices-rig-renamed");
        });
    }

    @Test
    void anotherAccount_cannotClaimForAProvider_norReportOnItsAttempts() {
        String job = net.submit("acct-client", TestNetwork.spec(1)).id();
        String provider = register(asAlice, null, "alices-rig");
        Assignment a = claim(asAlice, provider).getFirst();

        assertThatThrownBy(() -> claim(asBob, provider)).satisfies(status(403, ProblemTypes.NOT_OWNER));
        assertThatThrownBy(() -> asBob.post(ApiPaths.expand(ApiPaths.ATTEMPT_HEARTBEAT, a.attemptId()), new HeartbeatRequest(provider, "50%"),
                HeartbeatResponse.class)).satisfies(status(403, ProblemTypes.NOT_OWNER));
        assertThatThrownBy(() -> asBob.post(ApiPaths.expand(ApiPaths.ATTEMPT_COMPLETE, a.attemptId()),
                new org.gridmint.api.CompleteRequest(provider, 0, List.of(), null, null, 1), Void.class)).satisfies(status(403, ProblemTypes.NOT_OWNER));
        assertThatThrownBy(() -> asBob.post(ApiPaths.expand(ApiPaths.ATTEMPT_FAIL, a.attemptId()),
                new FailRequest(provider, "EXIT_NONZERO", "no", 1, null, null, 1), Void.class)).satisfies(status(403, ProblemTypes.NOT_OWNER));

        var task = net.coordinator.jobs().get("acct-client", job).tasks().getFirst();
        assertThat(task.state()).isEqualTo("ASSIGNED");
        assertThat(task.attempts()).singleElement().satisfies(at -> assertThat(at.progress()).isNull());
        assertThat(asAlice.post(ApiPaths.expand(ApiPaths.ATTEMPT_HEARTBEAT, a.attemptId()), new HeartbeatRequest(provider, "50%"),
                HeartbeatResponse.class).attemptState()).isEqualTo("RUNNING");
    }

    @Test
    void quarantine_isOperatorOnly_andStopsTheProvidersClaims_untilReleased() {
        String provider = register(asAlice, null, "alices-rig");
        String quarantine = ApiPaths.expand(ApiPaths.PROVIDER_QUARANTINE, provider);
        try (ApiTransport asOperator = new ApiTransport(URI.create(net.coordinator.url()), net.coordinator.operator())) {
            assertThatThrownBy(() -> asAlice.post(quarantine, new QuarantineRequest("me?"), ProviderView.class))
                    .satisfies(status(403, ProblemTypes.OPERATOR_ONLY));
            assertThat(claim(asAlice, provider)).isEmpty();

            ProviderView q = asOperator.post(quarantine, new QuarantineRequest("results disagree"), ProviderView.class);

            assertThat(q.quarantined()).isTrue();
            assertThatThrownBy(() -> claim(asAlice, provider)).satisfies(status(403, ProblemTypes.QUARANTINED))
                    .hasMessageContaining("quarantined").hasMessageContaining("results disagree");
            assertThat(asAlice.get(ApiPaths.PROVIDERS, ProviderList.class).providers()).singleElement()
                    .satisfies(p -> assertThat(p.quarantineReason()).isEqualTo("results disagree"));
            assertThat(register(asAlice, provider, "alices-rig")).as("re-registering keeps the quarantine").isEqualTo(provider);
            assertThatThrownBy(() -> claim(asAlice, provider)).satisfies(status(403, ProblemTypes.QUARANTINED));

            assertThat(asOperator.post(ApiPaths.expand(ApiPaths.PROVIDER_UNQUARANTINE, provider), null, ProviderView.class).quarantined()).isFalse();
            assertThat(claim(asAlice, provider)).isEmpty();
            assertThatThrownBy(() -> asOperator.post(ApiPaths.expand(ApiPaths.PROVIDER_QUARANTINE, "prov-nobody"), null, ProviderView.class))
                    .satisfies(status(404, null));
        }
    }

    @Test
    void drain_isOwnerOnly_refusesClaimsWith409Draining_andAnswersProblemsForBadIds() {
        String provider = register(asAlice, null, "alices-rig");
        String drain = ApiPaths.expand(ApiPaths.PROVIDER_DRAIN, provider);

        assertThatThrownBy(() -> asBob.post(drain, null, ProviderView.class)).satisfies(status(403, ProblemTypes.NOT_OWNER));
        assertThat(claim(asAlice, provider)).as("bob's refused drain changed nothing").isEmpty();
        assertThatThrownBy(() -> asAlice.post(ApiPaths.expand(ApiPaths.PROVIDER_DRAIN, "prov-nobody"), null, ProviderView.class))
                .satisfies(status(404, null));
        assertThatThrownBy(() -> asAlice.post(ApiPaths.expand(ApiPaths.PROVIDER_DRAIN, "bad id!"), null, ProviderView.class))
                .satisfies(status(404, null));

        assertThat(asAlice.post(drain, null, ProviderView.class).health()).isEqualTo("DRAINING");
        assertThatThrownBy(() -> claim(asAlice, provider)).satisfies(status(409, null))
                .satisfies(e -> assertThat(((ApiException) e).problem().state()).isEqualTo("DRAINING"));
        assertThat(asBob.get(ApiPaths.PROVIDERS, ProviderList.class).providers()).singleElement()
                .satisfies(p -> assertThat(p.health()).isEqualTo("DRAINING"));
    }
}
