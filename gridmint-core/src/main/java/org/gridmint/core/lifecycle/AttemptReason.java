package org.gridmint.core.lifecycle;

/**
 * Why an attempt ended other than by succeeding, in words a user can read. {@link #countsAgainstRetries()}
 * is false for endings that say nothing about the task (a provider handing work back as it is drained, a backup
 * that lost the race to another attempt).
 */
public enum AttemptReason {
    PROVIDER_LOST("the provider stopped heartbeating and its lease expired", true),
    EXIT_NONZERO("the command exited with a non-zero status", true),
    TIMEOUT("the command ran past the job's timeout and was killed", true),
    OUTPUT_MISSING("a declared output matched no file after the command exited", true),
    STAGING_FAILED("the provider could not fetch or stage the job's files", true),
    UPLOAD_FAILED("the provider could not upload the task's results", true),
    SANDBOX_ERROR("the sandbox could not start the command", true),
    RUNTIME_ERROR("the provider's runtime failed before the command could finish", true),
    PROVIDER_DRAINED("the provider was drained or shut down and handed the task back (with its checkpoint, where the job keeps one)", false),
    CANCELLED("the job was cancelled", false),
    SUPERSEDED("another attempt of the task finished first", false),
    /** The task's results disagreed and no quorum formed: a verdict about the task, not about one provider's run. */
    NO_QUORUM("its results disagreed and no quorum formed, even after tie-breakers", true);

    private final String description;
    private final boolean countsAgainstRetries;

    AttemptReason(String description, boolean countsAgainstRetries) {
        this.description = description;
        this.countsAgainstRetries = countsAgainstRetries;
    }

    /**
     * The reason named {@code name}, also under the names older agents send: HANDED_BACK is what a drain was
     * called before PROVIDER_DRAINED. Throws IllegalArgumentException for an unknown name.
     */
    public static AttemptReason parse(String name) {
        return "HANDED_BACK".equals(name) ? PROVIDER_DRAINED : valueOf(name);
    }

    public String description() {
        return description;
    }

    public boolean countsAgainstRetries() {
        return countsAgainstRetries;
    }
}
