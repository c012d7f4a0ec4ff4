package org.gridmint.client;

import java.util.Set;

/**
 * The job and task state names as they appear on the wire. States arrive as strings so that an older SDK
 * still reads a newer coordinator; a state it does not know counts as not final.
 */
public final class JobStates {
    /** A job that succeeded: every task succeeded. */
    public static final String SUCCEEDED = "SUCCEEDED";
    /** A job that failed: some task ran out of retries. */
    public static final String FAILED = "FAILED";
    /** A job that its owner cancelled. */
    public static final String CANCELLED = "CANCELLED";

    private static final Set<String> FINAL = Set.of(SUCCEEDED, FAILED, CANCELLED);

    private JobStates() {}

    /** True for the states a job or task never leaves: SUCCEEDED, FAILED and CANCELLED. */
    public static boolean isFinal(String state) {
        return state != null && FINAL.contains(state);
    }
}
