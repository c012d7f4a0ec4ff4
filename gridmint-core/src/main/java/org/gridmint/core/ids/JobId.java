package org.gridmint.core.ids;

/** Identifies one job; the string form is {@code job-…}. */
public record JobId(String value) implements Comparable<JobId> {
    public static final String PREFIX = "job";

    public JobId {
        Ids.check(PREFIX, value);
    }

    public static JobId of(String value) {
        return new JobId(value);
    }

    @Override
    public int compareTo(JobId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
