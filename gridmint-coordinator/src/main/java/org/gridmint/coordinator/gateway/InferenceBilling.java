package org.gridmint.coordinator.gateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gridmint.coordinator.Ids;
import org.gridmint.coordinator.store.GatewayTx;
import org.gridmint.coordinator.store.GatewayTx.Meter;
import org.gridmint.coordinator.store.GatewayTx.UsageRecord;
import org.gridmint.coordinator.store.Store;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ledger.FeeRate;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.LedgerRules;
import org.gridmint.core.ledger.Posting;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.money.Credits;

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
 */
public final class InferenceBilling {
    private final Store store;
    private final FeeRate fee;

    public InferenceBilling(Store store, FeeRate fee) {
        this.store = store;
        this.fee = fee;
    }

    /** What one served request was. */
    public record Served(String keyId, AccountId account, ProviderId provider, String providerOwner, String model, int items, long tokens,
                         Credits tokenPrice) {}

    /** Records and bills {@code s}; answers its usage record. */
    public UsageRecord bill(Served s, Instant now) {
        String id = Ids.usage();
        long price = s.tokenPrice().micros();
        LedgerAccount client = LedgerAccount.party(s.account());
        return store.inTransaction(tx -> {
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
        });
    }

    /** The reference of a usage record's fee posting. */
    public static String feeReference(String usageId) {
        return usageId + "/fee";
    }
}
