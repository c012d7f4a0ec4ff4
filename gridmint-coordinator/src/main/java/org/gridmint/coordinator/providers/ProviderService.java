package org.gridmint.coordinator.providers;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.gridmint.api.AsksRequest;
import org.gridmint.api.GpuInfo;
import org.gridmint.api.ProblemTypes;
import org.gridmint.core.market.Health;
import org.gridmint.api.ProviderList;
import org.gridmint.api.ProviderView;
import org.gridmint.api.QuarantineRequest;
import org.gridmint.api.RegisterProviderRequest;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.Ids;
import org.gridmint.coordinator.store.ProviderRecord;
import org.gridmint.coordinator.store.ProviderStats;
import org.gridmint.coordinator.store.Store;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.Asks;
import org.gridmint.core.spec.FieldError;

/**
 * Registers providers for the account that signs, shows them with their health and record, lets the operator
 * quarantine them and their owner drain them. A provider id, once registered, belongs to its first registrant: another
 * account gets 403. A drain lasts until the provider's agent registers again, which is how a drained machine comes back.
 */
public final class ProviderService {
    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.@-]{0,63}");
    static final Credits MAX_PRICE = Credits.parse("10000");

    private final Store store;
    private final InstantSource clock;
    private final CoordinatorConfig config;
    private final org.gridmint.coordinator.market.Market market;

    public ProviderService(Store store, InstantSource clock, CoordinatorConfig config, org.gridmint.coordinator.market.Market market) {
        this.store = store;
        this.clock = clock;
        this.config = config;
        this.market = market;
    }

    public ProviderView register(AccountId owner, RegisterProviderRequest r) {
        List<FieldError> errors = new ArrayList<>();
        ProviderId id = null;
        if (r.providerId() != null) {
            if (!org.gridmint.core.ids.Ids.isValid(ProviderId.PREFIX, r.providerId()))
                errors.add(new FieldError("providerId", "must look like prov-<1-64 of A-Z a-z 0-9 _ . ->, was '" + r.providerId() + "'"));
            else id = new ProviderId(r.providerId());
        }
        if (r.name() != null && !NAME.matcher(r.name()).matches())
            errors.add(new FieldError("name", "must be 1-64 of letters, digits, space, '_', '.', '@', '-'"));
        if (r.cpus() < 1 || r.cpus() > 4096) errors.add(new FieldError("cpus", "must be between 1 and 4096, was " + r.cpus()));
        if (r.memoryMb() < 1) errors.add(new FieldError("memoryMb", "must be >= 1, was " + r.memoryMb()));
        if (r.slots() < 1 || r.slots() > 1024) errors.add(new FieldError("slots", "must be between 1 and 1024, was " + r.slots()));
        String region = r.region() == null ? "local" : r.region();
        if (!REGION.matcher(region).matches()) errors.add(new FieldError("region", "must be lower-case letters, digits and '-', was '" + region + "'"));
        Credits price = null;
        if (r.price() == null) errors.add(new FieldError("price", "is required: credits per hour, e.g. 0.25"));
        else {
            try {
                price = Credits.of(r.price());
                if (price.micros() <= 0 || price.compareTo(MAX_PRICE) > 0)
                    errors.add(new FieldError("price", "must be more than 0 and at most " + MAX_PRICE + " credits per hour, was " + r.price().toPlainString()));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("price", e.getMessage()));
            }
        }
        List<GpuInfo> gpus = r.gpus() == null ? List.of() : r.gpus();
        for (int i = 0; i < gpus.size(); i++) {
            GpuInfo g = gpus.get(i);
            if (g == null || g.model() == null || g.model().isBlank()) errors.add(new FieldError("gpus[" + i + "].model", "is required"));
            else if (g.memoryMb() < 0) errors.add(new FieldError("gpus[" + i + "].memoryMb", "must be >= 0"));
        }
        List<String> models = gpus.stream().filter(g -> g != null && g.model() != null).map(GpuInfo::model).distinct().toList();
        Map<String, Credits> asks = r.asks() == null ? Map.of() : ProviderAsks.parse(r.asks(), models, errors);
        List<org.gridmint.api.ModelOffer> served = ProviderModels.parse(r.models(), errors);
        if (!errors.isEmpty()) throw new CoordinatorException.Invalid(errors);
        Instant now = clock.instant();
        ProviderId pid = id == null ? Ids.provider() : id;
        Asks all = Asks.uniform(price, models).with(asks);
        Credits main = price;
        return store.inTransaction(tx -> {
            var known = tx.provider(pid);
            if (known.isPresent()) requireOwner(known.get(), owner, "re-register");
            Instant registered = known.map(ProviderRecord::registeredAt).orElse(now);
            // A quarantine outlives re-registration: restarting the agent must not lift it.
            boolean quarantined = known.map(ProviderRecord::quarantined).orElse(false);
            String reason = known.map(ProviderRecord::quarantineReason).orElse(null);
            var rec = new ProviderRecord(pid, owner.value(), r.name() == null ? pid.value() : r.name(), r.cpus(), r.memoryMb(), gpus, region, main,
                    r.slots(), r.sandboxed(), r.agentVersion(), registered, now, quarantined, reason, null, served).withAsks(all);
            tx.upsertProvider(rec);
            tx.clearDrain(pid);
            return view(tx, rec, tx.providerStats().getOrDefault(pid, ProviderStats.none(pid)), now);
        });
    }

    public ProviderList list() {
        Instant now = clock.instant();
        return store.inTransaction(tx -> {
            var stats = tx.providerStats();
            return new ProviderList(tx.providers().stream()
                    .map(p -> view(tx, p, stats.getOrDefault(p.id(), ProviderStats.none(p.id())), now)).toList());
        });
    }

    /**
     * Changes some of the caller's provider's asks; the classes left out keep theirs. 404 for no such provider, 403 for
     * another account's, 400 naming each bad class or price (and nothing changes). Attempts already assigned keep the
     * price they were assigned at; the next plan uses the new asks.
     */
    public ProviderView changeAsks(AccountId caller, String providerId, AsksRequest r) {
        return onProvider(providerId, (tx, p) -> {
            requireOwner(p, caller, "change the asks of");
            List<FieldError> errors = new ArrayList<>();
            if (r == null || r.asks() == null || r.asks().isEmpty())
                errors.add(new FieldError("asks", "must name at least one resource class and its price, e.g. {\"cpu\": 0.02}; the provider's classes are "
                        + String.join(", ", Asks.classesOf(p.gpuModels()))));
            Map<String, Credits> changes = errors.isEmpty() ? ProviderAsks.parse(r.asks(), p.gpuModels(), errors) : Map.of();
            if (!errors.isEmpty()) throw new CoordinatorException.Invalid(errors);
            ProviderRecord changed = p.withAsks(p.asks().with(changes));
            tx.upsertProvider(changed);
            return changed;
        });
    }

    /**
     * Operator only (the HTTP layer checks): the provider's claims are refused until {@link #unquarantine}, and the
     * {@link #onQuarantine} listener (the gateway) closes its online channel once the quarantine is committed.
     */
    public ProviderView quarantine(String providerId, QuarantineRequest r) {
        String reason = r == null || r.reason() == null || r.reason().isBlank() ? null : r.reason().strip();
        if (reason != null && reason.length() > 500)
            throw new CoordinatorException.Invalid("reason", "must be at most 500 characters, was " + reason.length());
        ProviderView v = setQuarantine(providerId, true, reason);
        onQuarantine.accept(new ProviderId(v.id()));
        return v;
    }

    private volatile java.util.function.Consumer<ProviderId> onQuarantine = p -> { };

    /** Sets what runs after the operator quarantines a provider (the coordinator closes its gateway channel). */
    public void onQuarantine(java.util.function.Consumer<ProviderId> listener) {
        this.onQuarantine = java.util.Objects.requireNonNull(listener, "listener");
    }

    public ProviderView unquarantine(String providerId) {
        return setQuarantine(providerId, false, null);
    }

    /**
     * The owner's request that the provider drain: it gets no new work, and its agent, told so on its next claim or
     * heartbeat, checkpoints its running tasks, hands them back (PROVIDER_DRAINED) and stops. Asking again changes nothing.
     */
    public ProviderView drain(AccountId caller, String providerId) {
        Instant now = clock.instant();
        return onProvider(providerId, (tx, p) -> {
            requireOwner(p, caller, "drain");
            tx.requestDrain(p.id(), now);
            return p;
        });
    }

    private ProviderView setQuarantine(String providerId, boolean on, String reason) {
        return onProvider(providerId, (tx, p) -> {
            ProviderRecord changed = p.withQuarantine(on, reason);
            tx.upsertProvider(changed);
            return changed;
        });
    }

    /**
     * Runs {@code action} on the provider in one transaction and answers its view afterwards: 404 for an id that is
     * malformed or unknown. The action checks who may act and returns the record as it now stands.
     */
    private ProviderView onProvider(String providerId, java.util.function.BiFunction<StoreTx, ProviderRecord, ProviderRecord> action) {
        if (!org.gridmint.core.ids.Ids.isValid(ProviderId.PREFIX, providerId)) throw new CoordinatorException.NotFound("provider", providerId);
        ProviderId pid = new ProviderId(providerId);
        Instant now = clock.instant();
        return store.inTransaction(tx -> {
            ProviderRecord p = tx.provider(pid).orElseThrow(() -> new CoordinatorException.NotFound("provider", pid));
            ProviderRecord after = action.apply(tx, p);
            return view(tx, after, tx.providerStats().getOrDefault(pid, ProviderStats.none(pid)), now);
        });
    }

    /**
     * Throws 403 unless {@code caller} owns {@code p}. A provider from before owners existed (empty owner) is
     * nobody's: its agent must register anew.
     */
    public static void requireOwner(ProviderRecord p, AccountId caller, String action) {
        if (p.owner().equals(caller.value())) return;
        String whose = p.owner().isEmpty() ? "was registered before providers had owners; register a new provider instead"
                : "belongs to another account";
        throw new CoordinatorException.Forbidden(ProblemTypes.NOT_OWNER, caller + " may not " + action + " provider " + p.id() + ": it " + whose);
    }

    public boolean isOnline(ProviderRecord p, Instant now) {
        return !p.lastSeenAt().plus(config.offlineAfter()).isBefore(now);
    }

    private ProviderView view(StoreTx tx, ProviderRecord p, ProviderStats s, Instant now) {
        var automatic = tx.quarantine(p.id());
        var reputation = market.reputation(tx, p.id());
        Health health = Health.of(p.lastSeenAt(), now, config.heartbeatInterval(), org.gridmint.coordinator.market.Market.quarantinedUntil(p, automatic),
                tx.draining(p.id()));
        boolean benched = !p.quarantined() && automatic.isActive(now);
        var slash = benched ? lastSlash(tx, p.id(), automatic.until()) : null;
        String why = p.quarantined() ? p.quarantineReason()
                : slash != null ? "slashed: its result lost verdict " + slash.verdictId() + " (" + slash.total() + " of its stake taken); back at "
                        + slash.quarantinedUntil()
                : benched ? "automatic: " + org.gridmint.core.market.Quarantine.FAILURES_TO_QUARANTINE + " failures of its own in a row; back at "
                        + automatic.until() + " (quarantine number " + automatic.timesQuarantined() + ")" : null;
        return new ProviderView(p.id().value(), p.name(), p.cpus(), p.memoryMb(), p.gpus(), p.region(), p.price().toBigDecimal(),
                p.slots(), p.sandboxed(), health.name(), p.registeredAt(), p.lastSeenAt(),
                s.running(), s.succeeded(), s.failed(), s.lost(), config.heartbeatInterval().toMillis(), p.owner().isEmpty() ? null : p.owner(),
                p.quarantined() || benched, why, reputation.reliability(), market.lastSkip(p.id()).orElse(null),
                ProviderAsks.view(p.asks()), reputation.speed(), org.gridmint.coordinator.stake.Stakes.staked(tx, p.id()).toBigDecimal(), p.models());
    }

    /** The slash whose quarantine is the provider's current one, or null when its quarantine came from failures. */
    private static org.gridmint.coordinator.store.SlashRecord lastSlash(StoreTx tx, ProviderId p, Instant until) {
        var slashes = tx.slashes(p);
        if (slashes.isEmpty()) return null;
        var last = slashes.getLast();
        return last.quarantinedUntil().equals(until) ? last : null;
    }

}
