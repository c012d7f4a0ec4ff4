package org.gridmint.core.ledger;

import org.gridmint.core.money.Credits;

/**
 * Decides whether a posting may be written, given what the ledger already holds. The one rule set for every
 * ledger (the coordinator's stores, the in-memory {@link Ledger} of tests and simulations).
 */
public final class LedgerRules {
    private LedgerRules() {}

    /** What to do with a posting. */
    public sealed interface Decision {
        /** Write it. */
        record Post() implements Decision {}

        /** The same posting was written before (a retry or a duplicate): write nothing and answer with that one. */
        record AlreadyPosted(JournalEntry entry) implements Decision {}

        /** The (kind, reference) was used for a different movement: a bug in the caller, never silently merged. */
        record Clash(JournalEntry entry) implements Decision {}

        /** The paying account holds too little; {@code shortfall} is what it lacks. */
        record Insufficient(Credits balance, Credits shortfall) implements Decision {}
    }

    /**
     * @param existing the entry already written under the posting's (kind, reference), or null
     * @param fromBalance the paying account's current balance
     */
    public static Decision decide(Posting posting, JournalEntry existing, Credits fromBalance) {
        if (existing != null) {
            return existing.posting().equals(posting) ? new Decision.AlreadyPosted(existing) : new Decision.Clash(existing);
        }
        if (!posting.from().mayGoNegative() && fromBalance.compareTo(posting.amount()) < 0)
            return new Decision.Insufficient(fromBalance, posting.amount().minus(fromBalance));
        return new Decision.Post();
    }
}
