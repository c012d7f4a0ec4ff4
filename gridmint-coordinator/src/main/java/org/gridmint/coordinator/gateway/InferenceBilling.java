package org.gridmint.coordinator.gateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.gridmint.coordinator.Ids;
import org.gridmint.coordinator.store.GatewayTx;
import org.gridmint.coordinator.store.GatewayTx.Meter;
import org.gridmint.coordinator.store.GatewayTx.UsageRecord;
import org.gridmint.coordinator.store.Store;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ledger.FeeRate;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.LedgerRules;
import org.gridmint.core.ledger.Posting;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.money.Credits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bills a served gateway request in one transaction: its usage record, its meter, and the INFERENCE postings.
 *
 * <p>A meter per (account, provider, model, price) counts tokens and what was billed; a request posts only the increase
 * of floor(tokens × price / 10⁶), so fractions of a micro-credit carry over to the next request instead of being lost
 * or rounded up. The fee is taken from each increase ({@link FeeRate#on}); the provider's owner gets the rest, unless it
 * is the client itself (nobody pays itself). A client whose balance cannot cover an increase pays what it has: the meter
 * then trails what is due and the next request collects the difference ({@code ledger verify} checks billed ≤ due).
 *
 * <p>Concurrency: the transaction takes the ledger head's lock (PostgreSQL; SQLite has one writer) before it reads the
 * client's balance, and the meter's update holds its row until the end, so racing requests of one account bill in turn,
 * their sum is exact, and a balance read is never stale when its postings are written.
 *
 * <p>Write-behind ({@link #submit}): the gateway answers a request before its bill is committed; one writer thread commits
 * the bills waiting, in order, several to a transaction (group commit), each exactly as {@link #bill} would. A request's
 * admission holds its cost until its bill commits ({@link Quota}), so the gateway never counts on a balance its own
 * uncommitted bills have already spent; a wallet read in the milliseconds between an answer and its bill's commit shows the balance before
 * that bill. Failure modes: a bill is committed whole or not at all (usage, meter and postings in one
 * transaction); a coordinator that dies before the writer commits loses the bills still waiting (at most the last few
 * milliseconds' requests), which were answered but are never charged. Nothing is ever charged twice: a bill lives only in
 * memory until its commit, and nothing replays it after a restart. A batch that fails is retried bill by bill, so one bad
 * bill cannot take others with it.
 */
public final class InferenceBilling implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InferenceBilling.class);
    static final int MAX_BATCH = 64;

    private final Store store;
    private final FeeRate fee;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Each account's latest bill not yet committed: the writer commits in order, so once it is done, all before it are. */
    private final ConcurrentHashMap<AccountId, CompletableFuture<UsageRecord>> latest = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private Thread writer; // guarded by lifecycle; started on the first submit
    private boolean stopped; // guarded by lifecycle

    private record Pending(Served served, Instant at, CompletableFuture<UsageRecord> done) {}

    /** The last thing the writer takes: it commits what it took before, then ends. */
    private static final Pending STOP = new Pending(null, null, null);

    public InferenceBilling(Store store, FeeRate fee) {
        this.store = store;
        this.fee = fee;
    }

    /** What one served request was. */
    public record Served(String keyId, AccountId account, ProviderId provider, String providerOwner, String model, int items, long tokens,
                         Credits tokenPrice) {}

    /** Records and bills {@code s} now, in a transaction of its own; answers its usage record. */
    public UsageRecord bill(Served s, Instant now) {
        return store.inTransaction(tx -> billIn(tx, s, now));
    }

    /**
     * Queues {@code s} for the writer and returns at once; the future completes with its usage record once committed, or
     * fails if it never will be (the billing stopped).
     */
    public CompletableFuture<UsageRecord> submit(Served s, Instant now) {
        CompletableFuture<UsageRecord> done = new CompletableFuture<>();
        synchronized (lifecycle) {
            if (stopped) {
                done.completeExceptionally(new CancellationException("the gateway's billing is stopped"));
                return done;
            }
            if (writer == null) writer = Thread.ofPlatform().daemon().name("gateway-billing").start(this::writeLoop);
            latest.put(s.account(), done);
            queue.add(new Pending(s, now, done));
        }
        done.whenComplete((u, e) -> latest.remove(s.account(), done));
        return done;
    }

    /** Waits until every bill of {@code account} submitted so far is committed (or failed), up to {@code timeoutMillis}. */
    public void awaitSettled(AccountId account, long timeoutMillis) {
        CompletableFuture<UsageRecord> f = latest.get(account);
        if (f == null) return;
        try {
            f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // A failed bill was logged by the writer; the caller only needed it to be over.
        }
    }

    /** Waits until every bill submitted so far is committed (or failed): for readers that must see them all. */
    public void flush() {
        for (AccountId a : List.copyOf(latest.keySet())) awaitSettled(a, TimeUnit.SECONDS.toMillis(30));
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            boolean stop = batch.remove(STOP); // STOP is queued last: nothing follows it
            if (!batch.isEmpty()) commit(batch);
            batch.clear();
            if (stop) return;
        }
    }

    private void commit(List<Pending> batch) {
        try {
            List<UsageRecord> done = store.inTransaction(tx -> {
                List<UsageRecord> out = new ArrayList<>(batch.size());
                for (Pending p : batch) out.add(billIn(tx, p.served(), p.at()));
                return out;
            });
            for (int i = 0; i < batch.size(); i++) batch.get(i).done().complete(done.get(i));
        } catch (RuntimeException batchFailed) {
            // Nothing of the batch was committed: bill each alone, so that only a bill that fails by itself is lost.
            for (Pending p : batch) {
                try {
                    p.done().complete(bill(p.served(), p.at()));
                } catch (RuntimeException e) {
                    log.error("gateway usage of {} on {} ({} tokens) could not be billed; it stays unbilled", p.served().account(),
                            p.served().provider(), p.served().tokens(), e);
                    p.done().completeExceptionally(e);
                }
            }
        }
    }

    /** Commits every bill waiting, then stops the writer (the coordinator is stopping); later submits fail. */
    @Override
    public void close() {
        Thread w;
        synchronized (lifecycle) {
            if (stopped) return;
            stopped = true;
            w = writer;
            queue.add(STOP);
        }
        if (w == null) return;
        try {
            w.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** As a crash would: the writer stops and the bills waiting are dropped, never committed (for tests of what a crash loses). */
    void halt() {
        List<Pending> dropped = new ArrayList<>();
        synchronized (lifecycle) {
            stopped = true;
            queue.drainTo(dropped);
            queue.add(STOP);
        }
        for (Pending p : dropped) if (p != STOP) p.done().completeExceptionally(new CancellationException("halted before the commit"));
    }

    private UsageRecord billIn(StoreTx tx, Served s, Instant now) {
        String id = Ids.usage();
        long price = s.tokenPrice().micros();
        LedgerAccount client = LedgerAccount.party(s.account());
        // The ledger head's lock first: the client's balance read below then stays true until the postings are written.
        tx.lockStakes();
        GatewayTx g = tx.gateway();
        Meter m = g.addTokens(s.account().value(), s.provider(), s.model(), price, s.tokens());
        long increase = m.due() - m.billed();
        long charged = 0;
        long feePart = 0;
        if (increase > 0) {
            charged = Math.min(increase, Math.max(0, tx.ledger().balance(client).micros()));
            feePart = fee.on(Credits.ofMicros(charged)).micros();
            List<Posting> postings = new ArrayList<>();
            long net = charged - feePart;
            if (net > 0 && !s.providerOwner().equals(s.account().value()))
                postings.add(new Posting(PostingKind.INFERENCE, id, client, LedgerAccount.party(AccountId.of(s.providerOwner())), Credits.ofMicros(net)));
            if (feePart > 0) postings.add(new Posting(PostingKind.INFERENCE, feeReference(id), client, LedgerAccount.TREASURY, Credits.ofMicros(feePart)));
            for (LedgerRules.Decision d : tx.ledger().post(postings, now)) {
                if (!(d instanceof LedgerRules.Decision.Post))
                    throw new IllegalStateException("usage " + id + " could not be posted: " + d);
            }
            if (charged > 0) g.addBilled(m, charged);
        }
        UsageRecord u = new UsageRecord(id, s.keyId(), s.account().value(), s.provider(), s.providerOwner(), s.model(), s.items(), s.tokens(), price,
                charged, feePart, now);
        g.insertUsage(u);
        return u;
    }

    /** The reference of a usage record's fee posting. */
    public static String feeReference(String usageId) {
        return usageId + "/fee";
    }
}
