package org.gridmint.core.ids;

/** Identifies one attempt; the string form is {@code att-…}. */
public record AttemptId(String value) implements Comparable<AttemptId> {
    public static final String PREFIX = "att";

    public AttemptId {
        Ids.check(PREFIX, value);
    }

    public static AttemptId of(String value) {
        return new AttemptId(value);
    }

    @Override
    public int compareTo(AttemptId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
