package org.gridmint.core.ids;

/** Identifies an account (a client's or a provider's): derived from its Ed25519 public key, {@code acct-…}. */
public record AccountId(String value) implements Comparable<AccountId> {
    public static final String PREFIX = "acct";

    public AccountId {
        Ids.check(PREFIX, value);
    }

    public static AccountId of(String value) {
        return new AccountId(value);
    }

    @Override
    public int compareTo(AccountId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
