package org.gridmint.coordinator.gateway;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.gridmint.api.ModelOffer;
import org.gridmint.api.channel.ChannelMessage;
import org.gridmint.api.json.Json;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.embed.ModelCatalog;
import org.gridmint.embed.ModelInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connected provider channels: per provider, what it serves (its last {@link ChannelMessage.Ready}), its capacity
 * and its calls in flight; and the choice of the least-loaded provider for a model.
 *
 * <p>Concurrency: the choice and the slot it takes happen under the hub's lock, so two requests never take the same last
 * slot; calls complete from the channel's receiving thread through their futures. A thread waiting for a slot waits on
 * the hub's monitor and is woken by every release.
 *
 * <p>Failure modes: a channel that closes (or that the coordinator cannot send to) fails its calls in flight at once with
 * {@link ChannelClosed}, which is retryable; a provider that opens a second channel replaces its first. A frame the
 * coordinator cannot read, or a Ready that breaks the protocol, closes the channel with 1008 and a reason naming the field.
 */
public final class ChannelHub {
    private static final Logger log = LoggerFactory.getLogger(ChannelHub.class);
    /** The WebSocket close code for a frame that breaks the protocol. */
    public static final int POLICY_VIOLATION = 1008;
    /** The close code for a channel silent through a whole call timeout (private use range). */
    public static final int UNRESPONSIVE = 4008;
    /** The close code for the channel of a provider that was quarantined (private use range); it may reconnect once released. */
    public static final int QUARANTINED = 4003;
    static final int MAX_CAPACITY = 1024;
    static final BigDecimal MAX_TOKEN_PRICE = new BigDecimal("1000000");

    private final Map<ProviderId, Channel> channels = new HashMap<>();
    private final AtomicLong callIds = new AtomicLong();
    private long turn;

    /** A call's channel closed before it answered: another provider may well succeed. */
    public static final class ChannelClosed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ChannelClosed(String message) {
            super(message);
        }
    }

    /** One provider's open channel. */
    public final class Channel {
        private final ProviderId provider;
        private final String owner;
        private final ChannelPeer peer;
        /** What the provider registered: a Ready may offer only these, at these prices (they bound what it is paid). */
        private final List<ModelOffer> registered;
        private final Map<String, CompletableFuture<ChannelMessage>> calls = new ConcurrentHashMap<>();
        // Guarded by the hub's lock.
        private List<ModelOffer> models = List.of();
        private int capacity;
        private int inFlight;
        private boolean open = true;
        /** System.nanoTime() of the last frame received. */
        private volatile long lastHeard = System.nanoTime();

        Channel(ProviderId provider, String owner, List<ModelOffer> registered, ChannelPeer peer) {
            this.provider = provider;
            this.owner = owner;
            this.registered = List.copyOf(registered);
            this.peer = peer;
        }

        public ProviderId provider() {
            return provider;
        }

        /** The account that owns the provider: it is paid for what the channel serves. */
        public String owner() {
            return owner;
        }
    }

    /** What {@link #acquire} found. */
    public sealed interface Pick {
        /** A slot on {@code channel}, serving {@code offer}; {@link ChannelHub#release} it when the call is over. */
        record Slot(Channel channel, ModelOffer offer) implements Pick {}

        /** Providers serve the model but every one not yet tried is at capacity. */
        record Full() implements Pick {}

        /** No provider not yet tried serves the model. */
        record None() implements Pick {}
    }

    /**
     * Registers a provider's new channel, which may offer only the {@code registered} models (name, device, dimensions and
     * token price as registered); an older channel of the same provider is closed (its calls fail, retryable).
     */
    public Channel connect(ProviderId provider, String owner, List<ModelOffer> registered, ChannelPeer peer) {
        Channel fresh = new Channel(provider, owner, registered, peer);
        Channel old;
        synchronized (this) {
            old = channels.put(provider, fresh);
        }
        if (old != null) {
            closed(old, "the provider opened a new channel");
            old.peer.close(1000, "replaced by a newer channel of the same provider");
        }
        log.info("provider {} opened its channel", provider);
        return fresh;
    }

    /** Handles one text frame from the provider. */
    public void receive(Channel c, String text) {
        c.lastHeard = System.nanoTime();
        ChannelMessage m;
        try {
            m = Json.mapper().readValue(text, ChannelMessage.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            violation(c, "unreadable frame: " + Json.describe(e));
            return;
        }
        switch (m) {
            case ChannelMessage.Ready r -> ready(c, r);
            case ChannelMessage.Embedded e -> answer(c, e.id(), e);
            case ChannelMessage.CallFailed f -> answer(c, f.id(), f);
            case ChannelMessage.EmbedCall call -> violation(c, "a provider may not send calls ('embed' frames)");
            case ChannelMessage.Alive alive -> { } // lastHeard, above, is all it is for

        }
    }

    private void ready(Channel c, ChannelMessage.Ready r) {
        String problem = check(r);
        if (problem == null) problem = unregistered(r, c.registered);
        if (problem != null) {
            violation(c, problem);
            return;
        }
        synchronized (this) {
            c.models = List.copyOf(r.models());
            c.capacity = r.capacity();
            notifyAll();
        }
        log.info("provider {} serves {} (capacity {})", c.provider, r.models().stream().map(o -> o.name() + "/" + o.device()).toList(), r.capacity());
    }

    /** Why a Ready breaks the protocol, naming the field; null when it is fine. */
    static String check(ChannelMessage.Ready r) {
        if (r.capacity() < 1 || r.capacity() > MAX_CAPACITY) return "ready.capacity must be between 1 and " + MAX_CAPACITY + ", was " + r.capacity();
        if (r.models() == null) return "ready.models is required (an empty list serves nothing)";
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < r.models().size(); i++) {
            ModelOffer o = r.models().get(i);
            String at = "ready.models[" + i + "]";
            if (o == null || o.name() == null) return at + ".name is required";
            ModelInfo info = ModelCatalog.find(o.name()).orElse(null);
            if (info == null) return at + ".name '" + o.name() + "' is not a catalog model (" + ModelCatalog.all().stream().map(ModelInfo::name).toList() + ")";
            if (!seen.add(o.name())) return at + ".name '" + o.name() + "' is offered twice";
            if (o.dimensions() != info.dimensions()) return at + ".dimensions must be " + info.dimensions() + " for " + o.name() + ", was " + o.dimensions();
            if (!"cpu".equals(o.device()) && !"cuda".equals(o.device())) return at + ".device must be cpu or cuda, was '" + o.device() + "'";
            if (o.tokenPrice() == null || o.tokenPrice().signum() < 0 || o.tokenPrice().compareTo(MAX_TOKEN_PRICE) > 0)
                return at + ".tokenPrice must be between 0 and " + MAX_TOKEN_PRICE + " credits per million tokens, was " + o.tokenPrice();
            if (o.tokenPrice().stripTrailingZeros().scale() > 6) return at + ".tokenPrice has more than 6 decimals: " + o.tokenPrice().toPlainString();
        }
        return null;
    }

    /**
     * Why a Ready offers what the provider did not register, naming the field; null when every offer is registered as is.
     * The price billed comes from the Ready, so without this a provider could set its own (up to {@link #MAX_TOKEN_PRICE}).
     */
    static String unregistered(ChannelMessage.Ready r, List<ModelOffer> registered) {
        for (int i = 0; i < r.models().size(); i++) {
            ModelOffer o = r.models().get(i);
            boolean found = false;
            for (ModelOffer g : registered)
                found |= g.name().equals(o.name()) && g.device().equals(o.device()) && g.dimensions() == o.dimensions()
                        && g.tokenPrice().compareTo(o.tokenPrice()) == 0;
            if (!found)
                return "ready.models[" + i + "] (" + o.name() + "/" + o.device() + " at " + o.tokenPrice().toPlainString()
                        + ") is not among the provider's registered models; register it first";
        }
        return null;
    }

    private void answer(Channel c, String id, ChannelMessage m) {
        CompletableFuture<ChannelMessage> f = id == null ? null : c.calls.remove(id);
        // A late answer (its call timed out and went elsewhere) is dropped: the caller already has another.
        if (f != null) f.complete(m);
        else log.debug("provider {} answered call {}, which is no longer waiting", c.provider, id);
    }

    private void violation(Channel c, String why) {
        log.warn("closing the channel of provider {}: {}", c.provider, why);
        closed(c, why);
        c.peer.close(POLICY_VIOLATION, why.length() > 120 ? why.substring(0, 120) : why);
    }

    /** The channel is gone: forget it and fail its calls in flight, retryable. Safe to call more than once. */
    public void closed(Channel c, String why) {
        synchronized (this) {
            if (!c.open) return;
            c.open = false;
            channels.remove(c.provider, c);
            notifyAll();
        }
        for (var e : c.calls.entrySet()) e.getValue().completeExceptionally(new ChannelClosed("the channel of " + c.provider + " closed: " + why));
        c.calls.clear();
        log.info("provider {} channel closed: {}", c.provider, why);
    }

    /**
     * Takes a slot on the least-loaded provider that serves {@code model} and is not in {@code tried}: the lowest share of
     * its capacity in use, then the fewest calls in flight, then in turn.
     */
    public Pick acquire(String model, Set<ProviderId> tried) {
        return acquire(model, tried, null);
    }

    /**
     * As {@link #acquire(String, Set)}, among the providers asking at most {@code maxPrice} for the model (null: any): a
     * request's cost was held at that price, so a dearer provider that connected since must not serve it.
     */
    public synchronized Pick acquire(String model, Set<ProviderId> tried, BigDecimal maxPrice) {
        List<Channel> serving = new ArrayList<>();
        List<ProviderId> ids = new ArrayList<>(channels.keySet());
        ids.sort(Comparator.comparing(ProviderId::value));
        int n = ids.size();
        long start = n == 0 ? 0 : Math.floorMod(turn++, n);
        for (int i = 0; i < n; i++) {
            Channel c = channels.get(ids.get((int) ((start + i) % n)));
            ModelOffer o = offer(c, model);
            if (!tried.contains(c.provider) && o != null && (maxPrice == null || o.tokenPrice().compareTo(maxPrice) <= 0)) serving.add(c);
        }
        if (serving.isEmpty()) return new Pick.None();
        Channel best = null;
        for (Channel c : serving) {
            if (c.inFlight >= c.capacity) continue;
            if (best == null || lessLoaded(c, best)) best = c;
        }
        if (best == null) return new Pick.Full();
        best.inFlight++;
        return new Pick.Slot(best, offer(best, model));
    }

    private static boolean lessLoaded(Channel a, Channel b) {
        long x = (long) a.inFlight * b.capacity;
        long y = (long) b.inFlight * a.capacity;
        return x != y ? x < y : a.inFlight < b.inFlight;
    }

    private static ModelOffer offer(Channel c, String model) {
        for (ModelOffer o : c.models) if (o.name().equals(model)) return o;
        return null;
    }

    /** Gives back a slot taken by {@link #acquire}. */
    public synchronized void release(Pick.Slot slot) {
        slot.channel().inFlight--;
        notifyAll();
    }

    /** Waits until a slot may have freed (a release, a new channel or Ready) or {@code millis} pass. */
    public synchronized void awaitChange(long millis) throws InterruptedException {
        if (millis > 0) wait(millis);
    }

    /**
     * Sends {@code model}'s call for {@code input} on the slot's channel; the future completes with the provider's answer
     * ({@link ChannelMessage.Embedded} or {@link ChannelMessage.CallFailed}), or fails with {@link ChannelClosed}.
     */
    public CompletableFuture<ChannelMessage> call(Pick.Slot slot, String model, List<String> input) {
        Channel c = slot.channel();
        String id = "call-" + callIds.incrementAndGet();
        CompletableFuture<ChannelMessage> f = new CompletableFuture<>();
        c.calls.put(id, f);
        synchronized (this) {
            if (!c.open) {
                c.calls.remove(id);
                f.completeExceptionally(new ChannelClosed("the channel of " + c.provider + " closed"));
                return f;
            }
        }
        CompletableFuture<Void> sent;
        try {
            sent = c.peer.send(Json.writeString(new ChannelMessage.EmbedCall(id, model, input)));
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        // A send that fails (a broken connection) would otherwise leave the call waiting out the whole call timeout.
        sent.whenComplete((v, e) -> {
            if (e == null) return;
            closed(c, "sending failed: " + e);
            c.peer.close(1011, "sending failed");
            c.calls.remove(id);
            f.completeExceptionally(new ChannelClosed("the call could not be sent to " + c.provider + ": " + e));
        });
        return f;
    }

    /** Forgets a call that will not be waited for any more (it timed out); a late answer is then dropped. */
    public void abandon(Pick.Slot slot, CompletableFuture<ChannelMessage> call) {
        slot.channel().calls.values().remove(call);
    }

    /**
     * A call sent at {@code sentAt} (System.nanoTime()) went unanswered for the whole call timeout: if the channel has sent
     * nothing at all since, the provider is taken for dead and its channel closed now, rather than at the idle timeout, so
     * that no further request waits on it (a live agent reconnects). A provider busy answering other calls, or saying it is
     * alive (the agent does every few seconds while its calls run), is kept.
     */
    public void timedOut(Pick.Slot slot, long sentAt) {
        Channel c = slot.channel();
        if (c.lastHeard - sentAt >= 0) return;
        log.warn("provider {} answered nothing within the call timeout; closing its channel as dead", c.provider);
        closed(c, "silent through a whole call timeout");
        c.peer.close(UNRESPONSIVE, "no answer within the call timeout");
    }

    /** The providers with a channel open now. */
    public synchronized Set<ProviderId> connected() {
        return Set.copyOf(channels.keySet());
    }

    /** Closes the provider's channel, if it has one, with {@code code}; its calls in flight fail over (retryable). */
    public void disconnect(ProviderId provider, int code, String why) {
        Channel c;
        synchronized (this) {
            c = channels.get(provider);
        }
        if (c == null) return;
        closed(c, why);
        c.peer.close(code, why.length() > 120 ? why.substring(0, 120) : why);
    }

    /** Whether some connected provider serves {@code model} now. */
    public synchronized boolean serves(String model) {
        for (Channel c : channels.values()) if (offer(c, model) != null) return true;
        return false;
    }

    /** The highest token price a connected provider asks for {@code model}; null when none serves it. */
    public synchronized BigDecimal maxPrice(String model) {
        BigDecimal max = null;
        for (Channel c : channels.values()) {
            ModelOffer o = offer(c, model);
            if (o != null && (max == null || o.tokenPrice().compareTo(max) > 0)) max = o.tokenPrice();
        }
        return max;
    }

    /** The names of the models some connected provider serves, sorted. */
    public synchronized List<String> models() {
        Set<String> out = new TreeSet<>();
        for (Channel c : channels.values()) for (ModelOffer o : c.models) out.add(o.name());
        return List.copyOf(out);
    }

    /** The capacity the provider's channel last announced; 0 when it has no channel or has not said Ready. */
    public synchronized int capacity(ProviderId provider) {
        Channel c = channels.get(provider);
        return c == null ? 0 : c.capacity;
    }

    /** Calls in flight per connected provider (for tests and metrics). */
    public synchronized Map<ProviderId, Integer> inFlight() {
        Map<ProviderId, Integer> out = new HashMap<>();
        channels.forEach((p, c) -> out.put(p, c.inFlight));
        return out;
    }

    /** Closes every channel (the coordinator is stopping). */
    public void closeAll() {
        List<Channel> all;
        synchronized (this) {
            all = List.copyOf(channels.values());
        }
        for (Channel c : all) {
            closed(c, "the coordinator is stopping");
            c.peer.close(1001, "the coordinator is stopping");
        }
    }
}
