package org.gridmint.coordinator.gateway;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.gridmint.api.channel.ChannelMessage;
import org.gridmint.api.openai.EmbeddingsResponse;
import org.gridmint.api.openai.ModelList;
import org.gridmint.coordinator.Metrics;
import org.gridmint.coordinator.store.GatewayTx.ApiKeyRecord;
import org.gridmint.coordinator.store.Store;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.money.Credits;
import org.gridmint.embed.ModelCatalog;
import org.gridmint.embed.ModelInfo;
import org.gridmint.embed.TokenCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/embeddings} and {@code GET /v1/models}: authenticates the bearer key, checks the request, routes it to
 * the least-loaded provider serving the model, retries on another provider when one closes, fails, times out or answers
 * vectors of the wrong shape or length, counts the tokens itself and bills them ({@link InferenceBilling}). A request is
 * admitted only if the account's balance covers its tokens at the dearest serving price on top of its other unbilled
 * requests ({@link Quota}), and it is then routed only to providers asking at most that price.
 *
 * <p>Failure modes: while any provider not yet tried serves the model, the caller sees no provider's failure. Every
 * provider at capacity on the first try is a 429 with {@code Retry-After: 1} (nothing queues without bound); on a retry the
 * request waits for a slot up to the call timeout. Any failure of a provider, retryable or not, is tried on another; every
 * provider having failed is a 502 when one of them said it could not embed the input, else a 503.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final Store store;
    private final InstantSource clock;
    private final GatewayConfig config;
    private final ChannelHub hub;
    private final ApiKeys keys;
    private final InferenceBilling billing;
    private final Metrics metrics;
    private final Quota quota;
    private final Map<String, TokenCounter> counters = new ConcurrentHashMap<>();
    /** How far from 1 the L2 norm of an answered row may be (float32 rounding of a unit vector stays far inside it). */
    static final double MAX_NORM_ERROR = 1e-3;

    public Gateway(Store store, InstantSource clock, GatewayConfig config, ChannelHub hub, ApiKeys keys, InferenceBilling billing, Metrics metrics) {
        this.store = store;
        this.clock = clock;
        this.config = config;
        this.hub = hub;
        this.keys = keys;
        this.billing = billing;
        this.metrics = metrics;
        this.quota = new Quota(store);
    }

    public Store store() {
        return store;
    }

    public ChannelHub hub() {
        return hub;
    }

    /** What each account's admitted, unbilled requests hold of its balance. */
    Quota quota() {
        return quota;
    }

    public ApiKeys keys() {
        return keys;
    }

    public GatewayConfig config() {
        return config;
    }

    /** The billing of served requests; {@link InferenceBilling#flush} before reading usage that must include every answer. */
    public InferenceBilling billing() {
        return billing;
    }

    /**
     * The owner of the provider whose channel {@code caller} opens: 404 for no such provider, 403 unless the caller owns it,
     * 403 while it is quarantined (by the operator, or automatically after failures or a slash). The record's models are what
     * its channel may offer.
     */
    public org.gridmint.coordinator.store.ProviderRecord channelOwner(AccountId caller, String providerId) {
        if (!org.gridmint.core.ids.Ids.isValid(ProviderId.PREFIX, providerId))
            throw new org.gridmint.coordinator.CoordinatorException.NotFound("provider", providerId);
        ProviderId pid = ProviderId.of(providerId);
        var p = store.inTransaction(tx -> tx.provider(pid)).orElseThrow(() -> new org.gridmint.coordinator.CoordinatorException.NotFound("provider", pid));
        org.gridmint.coordinator.providers.ProviderService.requireOwner(p, caller, "open the channel of");
        if (p.quarantined())
            throw new org.gridmint.coordinator.CoordinatorException.Forbidden(org.gridmint.api.ProblemTypes.QUARANTINED,
                    "provider " + pid + " is quarantined by the operator" + (p.quarantineReason() == null ? "" : " (" + p.quarantineReason() + ")")
                            + ": it serves nothing until released");
        var benched = store.inTransaction(tx -> tx.quarantine(pid));
        if (benched.isActive(clock.instant()))
            throw new org.gridmint.coordinator.CoordinatorException.Forbidden(org.gridmint.api.ProblemTypes.QUARANTINED,
                    "provider " + pid + " is quarantined until " + benched.until() + " (failures of its own, or a slash): it serves nothing until then");
        return p;
    }

    /**
     * Closes the channel of every connected provider that is quarantined at {@code now}, by the operator or automatically
     * (failures of its own in a row, or a slash): a quarantine taken while a channel is open must stop it serving and
     * earning too, not only its next connect. Run periodically by the coordinator; answers the providers it disconnected.
     */
    public List<ProviderId> dropQuarantined(java.time.Instant now) {
        Set<ProviderId> connected = hub.connected();
        if (connected.isEmpty()) return List.of();
        List<ProviderId> held = store.inTransaction(tx -> {
            List<ProviderId> out = new ArrayList<>();
            for (ProviderId pid : connected) {
                boolean operator = tx.provider(pid).map(org.gridmint.coordinator.store.ProviderRecord::quarantined).orElse(true);
                if (operator || tx.quarantine(pid).isActive(now)) out.add(pid);
            }
            return out;
        });
        for (ProviderId pid : held) {
            log.warn("provider {} is quarantined; closing its channel", pid);
            hub.disconnect(pid, ChannelHub.QUARANTINED, "the provider is quarantined");
        }
        return held;
    }

    /** The models some connected provider serves now, in OpenAI's list shape. */
    public ModelList models(String authorization) {
        keys.authenticate(authorization);
        long created = 1_700_000_000L; // a fixed date: catalog models do not change under a name
        return new ModelList("list", hub.models().stream().map(m -> new ModelList.Model(m, "model", created, "gridmint")).toList());
    }

    /** Serves one embeddings request; every refusal is an {@link OpenAiException}. */
    public EmbeddingsResponse embeddings(String authorization, byte[] body) {
        long started = System.nanoTime();
        String outcome = "error";
        try {
            EmbeddingsResponse r = serve(authorization, body);
            outcome = "ok";
            return r;
        } catch (OpenAiException e) {
            outcome = e.error().error().code() != null ? e.error().error().code() : e.error().error().type();
            throw e;
        } finally {
            if (metrics != null) metrics.gateway(outcome, System.nanoTime() - started);
        }
    }

    private EmbeddingsResponse serve(String authorization, byte[] body) {
        ApiKeyRecord key = keys.authenticate(authorization);
        EmbeddingsRequest req = EmbeddingsRequest.parse(body, config);
        ModelInfo info = ModelCatalog.find(req.model()).orElseThrow(() -> OpenAiException.noModel(req.model(),
                "; the catalog has " + ModelCatalog.all().stream().map(ModelInfo::name).toList()));
        if (!hub.serves(req.model())) throw notServed(req.model());
        if (req.dimensions() != null && req.dimensions() != info.dimensions())
            throw OpenAiException.invalid("dimensions", req.model() + " has " + info.dimensions() + " dimensions; it cannot answer " + req.dimensions());
        AccountId account = AccountId.of(key.account());
        // Counted before routing (deterministic, and no provider is trusted with it): the request's most possible cost is
        // then known, and held against the balance until its bill commits (Quota), at the highest price it may be routed to.
        long tokens = counter(req.model()).countAll(req.input());
        java.math.BigDecimal cap = hub.maxPrice(req.model());
        if (cap == null) throw notServed(req.model());
        Runnable release = quota.reserve(account, Quota.cost(tokens, cap));
        Answer a;
        try {
            a = route(req.model(), req.input(), info.dimensions(), cap);
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
        // Billed behind the answer (write-behind, group commit): see InferenceBilling for what a crash can lose.
        billing.submit(new InferenceBilling.Served(key.id(), account, a.slot.channel().provider(), a.slot.channel().owner(), req.model(),
                req.input().size(), tokens, Credits.of(a.slot.offer().tokenPrice())), clock.instant()).whenComplete((u, e) -> release.run());
        List<EmbeddingsResponse.EmbeddingData> data = new ArrayList<>(a.rows.length);
        for (int i = 0; i < a.rows.length; i++)
            data.add(new EmbeddingsResponse.EmbeddingData("embedding", req.base64() ? base64(a.rows[i]) : a.rows[i], i));
        int t = (int) Math.min(Integer.MAX_VALUE, tokens);
        return new EmbeddingsResponse("list", data, req.model(), new EmbeddingsResponse.Usage(t, t));
    }

    private record Answer(ChannelHub.Pick.Slot slot, float[][] rows) {}

    /** Tries providers in turn until one answers well; see the class comment for what the caller sees otherwise. */
    /**
     * A catalog model that no connected provider serves now: 503, retryable (a provider may connect any moment), as OpenAI
     * answers while a model it has is unavailable; 404 stays for names not in the catalog.
     */
    private OpenAiException notServed(String model) {
        return new OpenAiException(503, "No provider serves " + model + " right now (models served now: " + hub.models() + "); retry later",
                "server_error", "model", "model_unavailable", 1);
    }

    private Answer route(String model, List<String> input, int dimensions, java.math.BigDecimal maxPrice) {
        Set<ProviderId> tried = new HashSet<>();
        String lastFailure = null;
        boolean refused = false; // some provider said it could not embed the input (a non-retryable CallFailed)
        while (true) {
            ChannelHub.Pick pick = hub.acquire(model, tried, maxPrice);
            if (pick instanceof ChannelHub.Pick.Full && !tried.isEmpty()) pick = awaitSlot(model, tried, maxPrice);
            switch (pick) {
                case ChannelHub.Pick.None n -> {
                    if (tried.isEmpty()) throw notServed(model);
                    if (refused) throw new OpenAiException(502, "No provider serving " + model + " could embed the input (last: " + lastFailure + ")",
                            "server_error", null, "provider_error", null);
                    throw new OpenAiException(503, "Every provider serving " + model + " failed this request (last: " + lastFailure + "); retry",
                            "server_error", null, "providers_failed", 1);
                }
                case ChannelHub.Pick.Full f -> throw new OpenAiException(429, "Every provider serving " + model
                        + " is at capacity; retry after a second", "rate_limit_error", null, "rate_limit_exceeded", 1);
                case ChannelHub.Pick.Slot slot -> {
                    tried.add(slot.channel().provider());
                    try {
                        float[][] rows = call(slot, model, input, dimensions);
                        return new Answer(slot, rows);
                    } catch (Retry r) {
                        lastFailure = slot.channel().provider() + ": " + r.getMessage();
                        refused |= r.refused;
                        log.info("gateway call to provider {} failed, trying another: {}", slot.channel().provider(), r.getMessage());
                    } finally {
                        hub.release(slot);
                    }
                }
            }
        }
    }

    private ChannelHub.Pick awaitSlot(String model, Set<ProviderId> tried, java.math.BigDecimal maxPrice) {
        long deadline = System.nanoTime() + config.callTimeout().toNanos();
        try {
            while (true) {
                ChannelHub.Pick p = hub.acquire(model, tried, maxPrice);
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (!(p instanceof ChannelHub.Pick.Full) || left <= 0) return p;
                hub.awaitChange(Math.min(left, 50));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenAiException(503, "interrupted while waiting for a provider", "server_error", null, null, 1);
        }
    }

    /** A failure of one provider that another may not have. */
    private static final class Retry extends Exception {
        private static final long serialVersionUID = 1L;
        /** The provider said the input cannot be embedded (not retryable on its side). */
        final boolean refused;

        Retry(String message) {
            this(message, false);
        }

        Retry(String message, boolean refused) {
            super(message, null, false, false);
            this.refused = refused;
        }
    }

    private float[][] call(ChannelHub.Pick.Slot slot, String model, List<String> input, int dimensions) throws Retry {
        long sentAt = System.nanoTime();
        CompletableFuture<ChannelMessage> f = hub.call(slot, model, input);
        ChannelMessage m;
        try {
            m = f.get(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            hub.abandon(slot, f);
            hub.timedOut(slot, sentAt);
            throw new Retry("no answer within " + config.callTimeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new Retry(String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            hub.abandon(slot, f);
            throw new OpenAiException(503, "interrupted while waiting for a provider", "server_error", null, null, 1);
        }
        return switch (m) {
            case ChannelMessage.Embedded e -> rows(e, input.size(), dimensions);
            // Even a "final" failure is tried elsewhere: the coordinator has already checked the model and the input, so
            // what one provider cannot embed is its own fault (the tried set bounds the retries).
            case ChannelMessage.CallFailed cf -> throw new Retry("failed" + (cf.retryable() ? " (retryable)" : "") + ": " + cf.message(), !cf.retryable());
            default -> throw new Retry("answered with a " + m.getClass().getSimpleName() + " frame");
        };
    }

    /** The vectors of an answer, checked: the count and dimensions asked for, exactly that many finite floats. */
    static float[][] rows(ChannelMessage.Embedded e, int count, int dimensions) throws Retry {
        if (e.count() != count || e.dimensions() != dimensions)
            throw new Retry("answered " + e.count() + "×" + e.dimensions() + " vectors for " + count + "×" + dimensions);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(e.vectors() == null ? "" : e.vectors());
        } catch (IllegalArgumentException x) {
            throw new Retry("answered vectors that are not base64: " + x.getMessage());
        }
        if (bytes.length != (long) count * dimensions * Float.BYTES)
            throw new Retry("answered " + bytes.length + " bytes of vectors for " + count + "×" + dimensions + " float32");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[][] rows = new float[count][dimensions];
        for (int i = 0; i < count; i++) {
            float[] row = rows[i];
            double squares = 0;
            for (int j = 0; j < dimensions; j++) {
                row[j] = b.getFloat();
                if (!Float.isFinite(row[j])) throw new Retry("answered a vector with a non-finite value");
                squares += (double) row[j] * row[j];
            }
            // Every catalog model normalises its vectors: a row that is not of unit length is a broken or cheating provider.
            double norm = Math.sqrt(squares);
            if (Math.abs(norm - 1) > MAX_NORM_ERROR) throw new Retry("answered row " + i + " with L2 norm " + norm + ", not 1");
        }
        return rows;
    }

    private static String base64(float[] row) {
        ByteBuffer b = ByteBuffer.allocate(row.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : row) b.putFloat(v);
        return Base64.getEncoder().encodeToString(b.array());
    }

    private TokenCounter counter(String model) {
        return counters.computeIfAbsent(model, TokenCounter::forModel);
    }

    @Override
    public void close() {
        hub.closeAll();
        billing.close();
        counters.values().forEach(TokenCounter::close);
    }
}
