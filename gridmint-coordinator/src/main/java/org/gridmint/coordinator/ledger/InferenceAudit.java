package org.gridmint.coordinator.ledger;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmint.coordinator.gateway.InferenceBilling;
import org.gridmint.coordinator.store.GatewayTx.UsageRecord;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.LedgerAudit;
import org.gridmint.core.ledger.Posting;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.money.Credits;

/**
 * The gateway's part of {@code ledger verify}: every INFERENCE posting belongs to a usage record and moves exactly its net
 * (to the provider's owner) or its fee (to the treasury) out of its client's account; each meter's tokens and billed credits
 * are the sums of its usage records; and no meter billed more than its tokens cost, floor(tokens × price / 10⁶).
 */
final class InferenceAudit {
    private final Map<String, Posting> postings = new HashMap<>();

    /** Feed every journal entry's posting; only INFERENCE ones are kept. */
    void accept(Posting p) {
        if (p.kind() == PostingKind.INFERENCE) postings.put(p.reference(), p);
    }

    void check(StoreTx tx, List<LedgerAudit.Break> out) {
        Map<String, long[]> sums = new HashMap<>(); // meter key → {tokens, charged}
        Set<String> explained = new HashSet<>();
        tx.gateway().scanUsage(u -> {
            sums.computeIfAbsent(key(u.account(), u.provider().value(), u.model(), u.tokenPrice()), k -> new long[2])[0] += u.tokens();
            sums.get(key(u.account(), u.provider().value(), u.model(), u.tokenPrice()))[1] += u.charged();
            boolean self = u.providerOwner().equals(u.account());
            long net = self ? 0 : u.charged() - u.fee();
            expect(u, u.id(), net, self ? null : LedgerAccount.party(org.gridmint.core.ids.AccountId.of(u.providerOwner())), explained, out);
            expect(u, InferenceBilling.feeReference(u.id()), u.fee(), LedgerAccount.TREASURY, explained, out);
        });
        for (String ref : postings.keySet())
            if (!explained.contains(ref))
                out.add(new LedgerAudit.Break(LedgerAudit.Problem.BALANCE, 0, "the journal has an INFERENCE posting " + ref + " that no usage record explains"));
        Set<String> metered = new HashSet<>();
        tx.gateway().scanMeters(m -> {
            String k = key(m.account(), m.provider().value(), m.model(), m.tokenPrice());
            metered.add(k);
            long[] s = sums.getOrDefault(k, new long[2]);
            if (s[0] != m.tokens() || s[1] != m.billed())
                out.add(new LedgerAudit.Break(LedgerAudit.Problem.BALANCE, 0, "meter " + k + " counts " + m.tokens() + " tokens and billed "
                        + Credits.ofMicros(m.billed()) + " but its usage records add up to " + s[0] + " tokens and " + Credits.ofMicros(s[1])));
            if (m.billed() > m.due())
                out.add(new LedgerAudit.Break(LedgerAudit.Problem.BALANCE, 0, "meter " + k + " billed " + Credits.ofMicros(m.billed())
                        + ", more than its " + m.tokens() + " tokens cost (" + Credits.ofMicros(m.due()) + ")"));
        });
        for (String k : sums.keySet())
            if (!metered.contains(k)) out.add(new LedgerAudit.Break(LedgerAudit.Problem.BALANCE, 0, "usage records of " + k + " have no meter"));
    }

    private void expect(UsageRecord u, String ref, long amount, LedgerAccount to, Set<String> explained, List<LedgerAudit.Break> out) {
        Posting p = postings.get(ref);
        if (p != null) explained.add(ref);
        long posted = p == null ? 0 : p.amount().micros();
        boolean rightWay = p == null || (p.from().equals(LedgerAccount.party(org.gridmint.core.ids.AccountId.of(u.account()))) && p.to().equals(to));
        if (posted != amount || !rightWay)
            out.add(new LedgerAudit.Break(LedgerAudit.Problem.BALANCE, 0, "usage " + u.id() + " owes " + Credits.ofMicros(amount) + " under " + ref
                    + (to == null ? "" : " to " + to) + " but the journal " + (p == null ? "has nothing" : "moved " + p.amount() + " from " + p.from() + " to " + p.to())));
    }

    private static String key(String account, String provider, String model, long price) {
        return account + "/" + provider + "/" + model + "@" + price;
    }
}
