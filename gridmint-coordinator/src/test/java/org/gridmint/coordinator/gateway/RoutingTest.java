package org.gridmint.coordinator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.gridmint.core.ids.ProviderId;
import org.junit.jupiter.api.Test;

/**
 * Over real channels: a provider that drops its channel mid-call, times out, fails retryably or answers the wrong shape is
 * retried on another and the caller sees 200, as is one that says it cannot embed the input (502 only when no provider is
 * left); every provider full is a 429.
 */
class RoutingTest extends GatewayTestBase {

    /** Sends requests until {@code bad} has been tried at least once; each must have succeeded. */
    private void requestsSucceedAlthough(TestProvider bad, TestProvider good) throws Exception {
        for (int i = 0; i < 6 && bad.calls.get() == 0; i++) {
            HttpResponse<String> r = embeddings(request(List.of("hello there", "general kenobi")));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(json(r).get("data").size()).isEqualTo(2);
        }
        assertThat(bad.calls.get()).as("the misbehaving provider was tried").isPositive();
        assertThat(good.calls.get()).isPositive();
    }

    @Test
    void providerDroppingItsChannelMidCall_isRetriedOnAnother() throws Exception {
        TestProvider bad = provider(4, "1");
        TestProvider good = provider(4, "1");
        bad.mode = TestProvider.Mode.DROP;

        requestsSucceedAlthough(bad, good);
        assertThat(net.coordinator.gateway().hub().capacity(ProviderId.of(bad.id))).isZero();
    }

    @Test
    void providerThatNeverAnswers_timesOut_andIsRetriedOnAnother() throws Exception {
        TestProvider bad = provider(4, "1");
        TestProvider good = provider(4, "1");
        bad.mode = TestProvider.Mode.SILENT;

        requestsSucceedAlthough(bad, good);
        assertThat(bad.closedWith.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(ChannelHub.UNRESPONSIVE);
        assertThat(net.coordinator.gateway().hub().capacity(ProviderId.of(bad.id))).as("taken for dead at once, not at the idle timeout").isZero();
    }

    @Test
    void slowProvider_sayingItIsAlive_isKeptAfterATimeout_andTheCallGoesToAnother() throws Exception {
        TestProvider slow = provider(4, "1");
        TestProvider good = provider(4, "1");
        slow.delayMillis = CALL_TIMEOUT.toMillis() + 1500;
        slow.aliveEveryMillis = 500;

        requestsSucceedAlthough(slow, good);

        Thread.sleep(500);
        assertThat(slow.closedWith).as("a live provider's channel is not taken for dead").isNotDone();
        assertThat(net.coordinator.gateway().hub().capacity(ProviderId.of(slow.id))).isEqualTo(4);
    }

    @Test
    void slowProvider_stillAnsweringOtherCalls_isKeptAfterATimeout() throws Exception {
        TestProvider p = provider(4, "1");
        p.delayMillis = CALL_TIMEOUT.toMillis() + 500;
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return embeddings(request("slow"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(600);
        p.delayMillis = 0; // answers the next call at once, so the channel is heard from while the first is overdue

        assertThat(embeddings(request("quick")).statusCode()).isEqualTo(200);
        assertThat(slow.get().statusCode()).as("no other provider: the overdue call fails over to none").isEqualTo(503);
        assertThat(net.coordinator.gateway().hub().capacity(ProviderId.of(p.id))).isEqualTo(4);
    }

    @Test
    void retryableFailure_wrongShape_andRowsNotOfUnitLength_areRetriedOnAnother() throws Exception {
        TestProvider failing = provider(4, "1");
        TestProvider good = provider(4, "1");
        failing.mode = TestProvider.Mode.FAIL_RETRYABLE;
        requestsSucceedAlthough(failing, good);

        failing.calls.set(0);
        failing.mode = TestProvider.Mode.WRONG_SHAPE;
        requestsSucceedAlthough(failing, good);

        failing.calls.set(0);
        failing.mode = TestProvider.Mode.NOT_UNIT;
        requestsSucceedAlthough(failing, good);
    }

    @Test
    void nonRetryableFailure_ofTheOnlyProvider_is502ServerError() throws Exception {
        provider(4, "1").mode = TestProvider.Mode.FAIL_FINAL;

        var r = embeddings(request("x"));

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(json(r).get("error").get("type").asText()).isEqualTo("server_error");
        assertThat(json(r).get("error").get("code").asText()).isEqualTo("provider_error");
    }

    @Test
    void nonRetryableFailure_isRetriedOnAnother_soOneBadProviderCannotFailRequests() throws Exception {
        TestProvider bad = provider(4, "1");
        TestProvider good = provider(4, "1");
        bad.mode = TestProvider.Mode.FAIL_FINAL;
        requestsSucceedAlthough(bad, good);
    }

    @Test
    void everyProviderFailing_is503_notAnEndlessRetry() throws Exception {
        provider(4, "1").mode = TestProvider.Mode.FAIL_RETRYABLE;
        provider(4, "1").mode = TestProvider.Mode.WRONG_SHAPE;

        var r = embeddings(request("x"));

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(json(r).get("error").get("code").asText()).isEqualTo("providers_failed");
        assertThat(providers).allSatisfy(p -> assertThat(p.calls.get()).isEqualTo(1));
    }

    @Test
    void everyProviderAtCapacity_is429WithRetryAfter() throws Exception {
        TestProvider slow = provider(1, "1");
        slow.delayMillis = 1500;
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
            try {
                return embeddings(request("first"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        while (net.coordinator.gateway().hub().inFlight().getOrDefault(ProviderId.of(slow.id), 0) == 0) Thread.sleep(5);

        var r = embeddings(request("second"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(json(r).get("error").get("type").asText()).isEqualTo("rate_limit_error");
        assertThat(first.get().statusCode()).isEqualTo(200);
    }

    @Test
    void busyProvider_isPassedOver_forTheLeastLoaded() throws Exception {
        TestProvider busy = provider(4, "1");
        TestProvider idle = provider(4, "1");
        busy.delayMillis = 1500;
        idle.delayMillis = 1500;
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return embeddings(request("x"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        while (net.coordinator.gateway().hub().inFlight().values().stream().mapToInt(Integer::intValue).sum() < 4) Thread.sleep(5);

        assertThat(net.coordinator.gateway().hub().inFlight()).containsEntry(ProviderId.of(busy.id), 2).containsEntry(ProviderId.of(idle.id), 2);
        for (var c : calls) assertThat(c.get().statusCode()).isEqualTo(200);
    }
}
