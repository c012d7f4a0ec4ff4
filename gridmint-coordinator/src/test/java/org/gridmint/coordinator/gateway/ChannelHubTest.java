package org.gridmint.coordinator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gridmint.api.ModelOffer;
import org.gridmint.api.channel.ChannelMessage;
import org.gridmint.api.json.Json;
import org.gridmint.core.ids.ProviderId;
import org.junit.jupiter.api.Test;

/**
 * The hub's routing policy over channels whose far end records frames: least share of capacity in use first, then fewest
 * calls in flight, then in turn; providers already tried are skipped; Full only when every candidate is at capacity.
 */
class ChannelHubTest {
    private static final String MODEL = TestProvider.MODEL;

    /** The far end of a channel that keeps what it was sent. */
    private static final class Recorder implements ChannelPeer {
        final List<String> sent = new ArrayList<>();
        int closedWith;
        /** When set, every send fails as a broken connection's does: after it was accepted, asynchronously. */
        volatile boolean broken;

        @Override
        public synchronized java.util.concurrent.CompletableFuture<Void> send(String text) {
            if (broken) return java.util.concurrent.CompletableFuture.failedFuture(new java.io.IOException("connection reset"));
            sent.add(text);
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
        }
    }

    private final ChannelHub hub = new ChannelHub();

    private ChannelHub.Channel connect(String id, int capacity) {
        var c = hub.connect(ProviderId.of(id), "acct-owner", List.of(new ModelOffer(MODEL, "cpu", 384, BigDecimal.ONE)), new Recorder());
        hub.receive(c, Json.writeString(new ChannelMessage.Ready(List.of(new ModelOffer(MODEL, "cpu", 384, BigDecimal.ONE)), capacity)));
        return c;
    }

    private ChannelHub.Pick.Slot take(Set<ProviderId> tried) {
        return (ChannelHub.Pick.Slot) hub.acquire(MODEL, tried);
    }

    @Test
    void acquire_picksTheLowestShareOfCapacityInUse() {
        connect("prov-a", 4);
        connect("prov-b", 2);
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 6; i++) picks.add(take(Set.of()).channel().provider().value());

        // a: 0/4, b: 0/2 tie → either; the shares then stay balanced, so a ends with 4 and b with 2.
        assertThat(picks.stream().filter("prov-a"::equals).count()).isEqualTo(4);
        assertThat(picks.stream().filter("prov-b"::equals).count()).isEqualTo(2);
        assertThat(hub.acquire(MODEL, Set.of())).isInstanceOf(ChannelHub.Pick.Full.class);
    }

    @Test
    void acquire_afterARelease_goesToTheOneThatFreedASlot() {
        connect("prov-a", 2);
        connect("prov-b", 2);
        var first = take(Set.of());
        var second = take(Set.of());
        assertThat(first.channel()).isNotSameAs(second.channel());
        var third = take(Set.of()); // its channel now holds 2 of 2, the other 1 of 2
        var onTheOther = third.channel() == first.channel() ? second : first;
        hub.release(onTheOther);

        assertThat(take(Set.of()).channel()).isSameAs(onTheOther.channel());
    }

    @Test
    void acquire_onEqualLoad_takesProvidersInTurn() {
        connect("prov-a", 8);
        connect("prov-b", 8);
        connect("prov-c", 8);
        Set<ProviderId> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            var s = take(Set.of());
            seen.add(s.channel().provider());
            hub.release(s);
        }

        assertThat(seen).hasSize(3);
    }

    @Test
    void acquire_skipsTriedProviders_andSaysNoneWhenNoOtherServes() {
        connect("prov-a", 2);
        connect("prov-b", 2);

        assertThat(take(Set.of(ProviderId.of("prov-a"))).channel().provider().value()).isEqualTo("prov-b");
        assertThat(hub.acquire(MODEL, Set.of(ProviderId.of("prov-a"), ProviderId.of("prov-b")))).isInstanceOf(ChannelHub.Pick.None.class);
        assertThat(hub.acquire("all-minilm-l6-v2", Set.of())).isInstanceOf(ChannelHub.Pick.None.class);
    }

    @Test
    void closedChannel_failsItsCallsInFlightAtOnce_asRetryable() {
        var c = connect("prov-a", 2);
        var slot = take(Set.of());
        var call = hub.call(slot, MODEL, List.of("x"));
        assertThat(call).isNotDone();

        hub.closed(c, "gone");

        assertThat(call).isCompletedExceptionally();
        assertThat(call.handle((m, e) -> e)).isCompletedWithValueMatching(e -> e instanceof ChannelHub.ChannelClosed);
        assertThat(hub.serves(MODEL)).isFalse();
    }

    @Test
    void callWhoseSendFails_failsAtOnce_asRetryable_andClosesTheChannel() {
        Recorder peer = new Recorder();
        var c = hub.connect(ProviderId.of("prov-a"), "acct-owner", List.of(new ModelOffer(MODEL, "cpu", 384, BigDecimal.ONE)), peer);
        hub.receive(c, Json.writeString(new ChannelMessage.Ready(List.of(new ModelOffer(MODEL, "cpu", 384, BigDecimal.ONE)), 2)));
        peer.broken = true;

        var call = hub.call(take(Set.of()), MODEL, List.of("x"));

        assertThat(call.handle((m, e) -> e)).isCompletedWithValueMatching(e -> e instanceof ChannelHub.ChannelClosed);
        assertThat(hub.serves(MODEL)).isFalse();
        assertThat(peer.closedWith).isEqualTo(1011);
    }

    @Test
    void readyOfferingWhatWasNotRegistered_isAPolicyViolation() {
        for (ModelOffer wrong : List.of(new ModelOffer(MODEL, "cpu", 384, new BigDecimal("1.5")), new ModelOffer(MODEL, "cuda", 384, BigDecimal.ONE),
                new ModelOffer("all-minilm-l6-v2", "cpu", 384, BigDecimal.ONE))) {
            Recorder peer = new Recorder();
            var c = hub.connect(ProviderId.of("prov-x"), "acct-owner", List.of(new ModelOffer(MODEL, "cpu", 384, BigDecimal.ONE)), peer);
            hub.receive(c, Json.writeString(new ChannelMessage.Ready(List.of(wrong), 2)));
            assertThat(peer.closedWith).as(wrong.toString()).isEqualTo(ChannelHub.POLICY_VIOLATION);
            assertThat(hub.capacity(ProviderId.of("prov-x"))).isZero();
        }
        // The registered price written another way (1.000000) is the same price.
        var c = hub.connect(ProviderId.of("prov-x"), "acct-owner", List.of(new ModelOffer(MODEL, "cpu", 384, BigDecimal.ONE)), new Recorder());
        hub.receive(c, Json.writeString(new ChannelMessage.Ready(List.of(new ModelOffer(MODEL, "cpu", 384, new BigDecimal("1.000000"))), 2)));
        assertThat(hub.capacity(ProviderId.of("prov-x"))).isEqualTo(2);
    }

    @Test
    void secondChannelOfAProvider_replacesTheFirst() {
        var first = connect("prov-a", 2);
        var call = hub.call(take(Set.of()), MODEL, List.of("x"));

        connect("prov-a", 3);

        assertThat(call).isCompletedExceptionally();
        assertThat(hub.capacity(ProviderId.of("prov-a"))).isEqualTo(3);
        assertThat(hub.inFlight()).containsOnlyKeys(ProviderId.of("prov-a"));
        assertThat(first.provider().value()).isEqualTo("prov-a");
    }
}
