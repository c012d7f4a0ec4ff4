package org.gridmint.core.ledger;

import org.gridmint.core.money.Credits;

/**
 * One movement of money from one account to another, for one reason. {@code kind} and {@code reference}
 * identify it: posting the same pair again changes nothing.
 *
 * @param reference what the posting is for: a deposit's id, a job id (HOLD, REFUND) or a task id (PAY, FEE)
 */
public record Posting(PostingKind kind, String reference, LedgerAccount from, LedgerAccount to, Credits amount) {
    public static final int MAX_REFERENCE = 200;

    public Posting {
        if (kind == null || reference == null || from == null || to == null || amount == null)
            throw new IllegalArgumentException("a posting needs kind, reference, from, to and amount");
        if (reference.isBlank() || reference.length() > MAX_REFERENCE || reference.chars().anyMatch(c -> c < 0x20 || c == 0x7f))
            throw new IllegalArgumentException("reference must be 1-" + MAX_REFERENCE + " printable characters, was '" + reference + "'");
        if (amount.micros() <= 0) throw new IllegalArgumentException("a posting moves a positive amount, was " + amount);
        if (from.equals(to)) throw new IllegalArgumentException("a posting moves money between two accounts, not from " + from + " to itself");
        if (!kind.allows(from, to)) throw new IllegalArgumentException(kind + " cannot move money from " + from + " to " + to);
    }

    /** The key that makes a posting idempotent. */
    public String key() {
        return kind + ":" + reference;
    }
}
