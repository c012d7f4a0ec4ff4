package org.gridmint.coordinator.stake;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.gridmint.api.StakeRequest;
import org.gridmint.api.StakeView;
import org.gridmint.api.UnbondingView;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.providers.ProviderService;
import org.gridmint.coordinator.store.ProviderRecord;
import org.gridmint.coordinator.store.SlashRecord;
import org.gridmint.coordinator.store.Store;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.coordinator.store.Unbonding;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.Ids;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.LedgerRules;
import org.gridmint.core.ledger.Staking;
import org.gridmint.core.money.Credits;

/**
 * The owners' stake requests: stake credits from the owner's wallet on one of its providers, unstake them (an unbonding
 * that the {@link UnbondingLoop} releases later), and show a provider's stake. Bad input gets a 400 naming the field,
 * another account's provider a 403, and either changes nothing.
 */
public final class StakeService {
    /** The most one request may stake or unstake. */
    public static final Credits MAX_AMOUNT = Credits.parse("1000000000");
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    private final Store store;
    private final InstantSource clock;
    private final StakeConfig config;

    public StakeService(Store store, InstantSource clock, StakeConfig config) {
        this.store = store;
        this.clock = clock;
        this.config = config;
    }

    /** Moves {@code r.amount()} from the caller's wallet into its provider's stake. */
    public StakeView stake(AccountId caller, String providerId, StakeRequest r) {
        Credits amount = amount(r);
        String reference = providerId + "/" + reference(r, () -> UUID.randomUUID().toString());
        Instant now = clock.instant();
        return onOwnProvider(caller, providerId, "stake on", (tx, p) -> {
            tx.lockStakes();
            var earlier = tx.ledger().entry(org.gridmint.core.ledger.PostingKind.STAKE, reference);
            Credits balance = tx.ledger().balance(LedgerAccount.party(caller));
            if (earlier.isEmpty() && balance.compareTo(amount) < 0)
                throw new CoordinatorException.Invalid("amount", "is more than your wallet holds: " + amount + " asked, " + balance + " in "
                        + caller + " (deposit first, e.g. gridmint wallet faucet on a dev coordinator)");
            var d = tx.ledger().post(Staking.stake(reference, caller, p.id(), amount), now);
            if (d instanceof LedgerRules.Decision.Clash c)
                throw new CoordinatorException.Conflict("reference '" + r.reference() + "' was used to stake " + c.entry().posting().amount()
                        + " credits; use a new reference", "STAKED");
            if (d instanceof LedgerRules.Decision.Insufficient i) throw new IllegalStateException("the wallet was checked under the lock: " + i);
        });
    }

    /**
     * Starts an unbonding of {@code r.amount()}: it is released after the unbonding period, once no result of the
     * provider awaits a verdict. At most the stake less what is already unbonding.
     */
    public StakeView unstake(AccountId caller, String providerId, StakeRequest r) {
        Credits amount = amount(r);
        String id = r.reference() == null ? org.gridmint.coordinator.Ids.unbonding() : "unb:" + providerId + "/" + reference(r, () -> null);
        Instant now = clock.instant();
        return onOwnProvider(caller, providerId, "unstake from", (tx, p) -> {
            tx.lockStakes();
            var earlier = tx.unbonding(id);
            if (earlier.isPresent()) {
                if (earlier.get().provider().equals(p.id()) && earlier.get().requested().equals(amount)) return;
                throw new CoordinatorException.Conflict("reference '" + r.reference() + "' was used to unstake " + earlier.get().requested()
                        + " credits; use a new reference", "UNBONDING");
            }
            Credits staked = Stakes.staked(tx, p.id());
            Credits unbonding = Stakes.unbonding(Stakes.open(tx, p.id()));
            Credits free = Staking.unstakeable(staked, unbonding);
            if (amount.compareTo(free) > 0)
                throw new CoordinatorException.Invalid("amount", "at most " + free + " can be unstaked from " + p.id() + ": " + staked + " staked, of which "
                        + unbonding + " is already unbonding; " + amount + " asked");
            tx.insertUnbonding(new Unbonding(id, p.id(), caller.value(), amount, amount, now, now.plus(config.unbondingPeriod()), null));
        });
    }

    /** The provider's stake, its unbondings and what slashes took; 404 for no such provider. */
    public StakeView view(String providerId) {
        ProviderId pid = provider(providerId);
        Instant now = clock.instant();
        return store.inTransaction(tx -> {
            tx.provider(pid).orElseThrow(() -> new CoordinatorException.NotFound("provider", pid));
            return view(tx, pid, now);
        });
    }

    private StakeView onOwnProvider(AccountId caller, String providerId, String action, java.util.function.BiConsumer<StoreTx, ProviderRecord> change) {
        ProviderId pid = provider(providerId);
        Instant now = clock.instant();
        return store.inTransaction(tx -> {
            ProviderRecord p = tx.provider(pid).orElseThrow(() -> new CoordinatorException.NotFound("provider", pid));
            ProviderService.requireOwner(p, caller, action);
            change.accept(tx, p);
            return view(tx, pid, now);
        });
    }

    private static StakeView view(StoreTx tx, ProviderId p, Instant now) {
        List<Unbonding> all = tx.unbondings(p);
        boolean held = all.stream().anyMatch(u -> !u.released() && !u.releaseAt().isAfter(now)) && tx.awaitingVerdict(p);
        List<UnbondingView> views = new ArrayList<>();
        for (Unbonding u : all.reversed()) {
            String state = u.released() ? "RELEASED" : !u.releaseAt().isAfter(now) && held ? "HELD" : "UNBONDING";
            views.add(new UnbondingView(u.id(), u.requested().toBigDecimal(), u.amount().toBigDecimal(), u.requestedAt(), u.releaseAt(), u.releasedAt(),
                    state));
        }
        Credits slashed = Credits.ZERO;
        for (SlashRecord s : tx.slashes(p)) slashed = slashed.plus(s.total());
        return new StakeView(p.value(), Stakes.staked(tx, p).toBigDecimal(), Stakes.unbonding(Stakes.open(tx, p)).toBigDecimal(), views,
                slashed.toBigDecimal());
    }

    private static ProviderId provider(String providerId) {
        if (!Ids.isValid(ProviderId.PREFIX, providerId)) throw new CoordinatorException.NotFound("provider", providerId);
        return new ProviderId(providerId);
    }

    private static Credits amount(StakeRequest r) {
        BigDecimal amount = r == null ? null : r.amount();
        if (amount == null) throw new CoordinatorException.Invalid("amount", "is required: credits, e.g. 25 or 2.5");
        Credits c;
        try {
            c = Credits.of(amount);
        } catch (IllegalArgumentException e) {
            throw new CoordinatorException.Invalid("amount", e.getMessage());
        }
        if (c.micros() <= 0 || c.compareTo(MAX_AMOUNT) > 0)
            throw new CoordinatorException.Invalid("amount", "must be more than 0 and at most " + MAX_AMOUNT + " credits, was " + amount.toPlainString());
        return c;
    }

    private static String reference(StakeRequest r, java.util.function.Supplier<String> fresh) {
        if (r.reference() == null) return fresh.get();
        if (!REFERENCE.matcher(r.reference()).matches())
            throw new CoordinatorException.Invalid("reference", "must be 1-100 of A-Z a-z 0-9 _ . : -, was '" + r.reference() + "'");
        return r.reference();
    }
}
