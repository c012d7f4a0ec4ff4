package org.gridmint.coordinator.gateway;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gridmint.coordinator.store.Store;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.money.Credits;

/**
 * Admits a gateway request only when the account's balance covers its most possible cost on top of what the account's
 * other requests, admitted and not yet billed, may cost: so concurrent requests of a nearly empty account cannot all be
 * served, and every request served is billed in full.
 *
 * <p>Each admitted request holds its cost (tokens × the highest price among the providers it may be routed to) from its
 * admission until its bill is committed (or it fails). An account's balance is read and its holds checked under the
 * account's lock, and a hold is let go under the same lock only after its bill committed, so a balance read either already
 * includes a bill or still holds its cost (counted twice at worst: a refusal a few milliseconds early, never an overdraft).
 * What this does not cover: the account spending elsewhere (a job's escrow, a withdrawal) between admission and bill; that
 * bill then charges what the balance has and its meter trails (see {@link InferenceBilling}). One lock object is kept per
 * account that has used the gateway since the coordinator started.
 */
final class Quota {
    private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);

    private final Store store;
    private final ConcurrentHashMap<AccountId, Held> held = new ConcurrentHashMap<>();

    /** What an account's admitted, unbilled requests may cost; guarded by itself. */
    private static final class Held {
        long micros;
    }

    Quota(Store store) {
        this.store = store;
    }

    /** The most {@code tokens} can cost at {@code tokenPrice} credits per million tokens, in micro-credits, rounded up. */
    static long cost(long tokens, BigDecimal tokenPrice) {
        BigInteger perMillion = BigInteger.valueOf(Credits.of(tokenPrice).micros()).multiply(BigInteger.valueOf(tokens));
        BigInteger[] qr = perMillion.divideAndRemainder(MILLION);
        BigInteger up = qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
        return up.bitLength() < 63 ? up.longValueExact() : Long.MAX_VALUE;
    }

    /**
     * Holds {@code costMicros} of {@code account}'s balance, or refuses with 429 insufficient_quota when the balance less
     * what is held already does not cover it (or is not positive). Answers the release, to run once the request's bill is
     * committed or the request failed; running it more than once releases once.
     */
    Runnable reserve(AccountId account, long costMicros) {
        Held h = held.computeIfAbsent(account, a -> new Held());
        synchronized (h) {
            Credits balance = store.inTransaction(tx -> tx.ledger().balance(LedgerAccount.party(account)));
            long available = balance.micros() - h.micros;
            if (available <= 0 || available < costMicros)
                throw new OpenAiException(429, "You exceeded your current quota: the balance of " + account + " is " + balance + " credits, "
                        + Credits.ofMicros(h.micros) + " of it held by requests not yet billed, and this request may cost up to "
                        + Credits.ofMicros(costMicros) + "; deposit credits (on a dev coordinator: gridmint wallet faucet AMOUNT)",
                        "insufficient_quota", null, "insufficient_quota", null);
            h.micros += costMicros;
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (!released.compareAndSet(false, true)) return;
            synchronized (h) {
                h.micros -= costMicros;
            }
        };
    }

    /** What {@code account}'s admitted, unbilled requests hold now (for tests). */
    long held(AccountId account) {
        Held h = held.get(account);
        if (h == null) return 0;
        synchronized (h) {
            return h.micros;
        }
    }
}
