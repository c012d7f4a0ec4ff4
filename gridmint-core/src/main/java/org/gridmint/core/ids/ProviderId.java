package org.gridmint.core.ids;

/** Identifies one provider; the string form is {@code prov-…}. */
public record ProviderId(String value) implements Comparable<ProviderId> {
    public static final String PREFIX = "prov";

    public ProviderId {
        Ids.check(PREFIX, value);
    }

    public static ProviderId of(String value) {
        return new ProviderId(value);
    }

    @Override
    public int compareTo(ProviderId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
