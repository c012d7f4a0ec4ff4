package org.gridmint.core.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gridmint.core.money.Credits;

/**
 * A ledger in memory: the journal, the balances it implies and the index that makes postings idempotent. The
 * reference implementation of {@link LedgerRules}, for tests and simulations; not thread-safe.
 */
public final class Ledger {
    private final List<JournalEntry> journal = new ArrayList<>();
    private final Map<String, JournalEntry> byKey = new HashMap<>();
    private final Map<LedgerAccount, Long> balances = new TreeMap<>();

    /**
     * Posts, or answers why not; only {@link LedgerRules.Decision.Post} changes the ledger. A balance that would
     * overflow throws {@link ArithmeticException} before anything is written, so the ledger stays as it was.
     */
    public LedgerRules.Decision post(Posting posting, Instant at) {
        var decision = LedgerRules.decide(posting, byKey.get(posting.key()), balance(posting.from()));
        if (decision instanceof LedgerRules.Decision.Post) {
            long amount = posting.amount().micros();
            long fromAfter = Math.subtractExact(balances.getOrDefault(posting.from(), 0L), amount);
            long toAfter = Math.addExact(balances.getOrDefault(posting.to(), 0L), amount);
            JournalEntry e = JournalEntry.next(journal.isEmpty() ? null : journal.getLast(), posting, at);
            journal.add(e);
            byKey.put(posting.key(), e);
            balances.put(posting.from(), fromAfter);
            balances.put(posting.to(), toAfter);
        }
        return decision;
    }

    public Credits balance(LedgerAccount account) {
        return Credits.ofMicros(balances.getOrDefault(account, 0L));
    }

    /** Every account that a posting touched, with its balance, by account id. */
    public Map<LedgerAccount, Credits> balances() {
        Map<LedgerAccount, Credits> out = new TreeMap<>();
        balances.forEach((a, b) -> out.put(a, Credits.ofMicros(b)));
        return Collections.unmodifiableMap(out);
    }

    public List<JournalEntry> journal() {
        return Collections.unmodifiableList(journal);
    }
}
