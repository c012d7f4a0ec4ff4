package org.gridmint.core.verify;

/**
 * A task's verification plan, fixed when its first result arrives (the coordinator persists it per task).
 *
 * @param quorum how many agreeing results accept the task
 * @param target how many results the task needs before a missing quorum calls for a tie-breaker
 * @param partner which providers may run the next replica
 * @param tieBreakers how many tie-breakers the task has had
 * @param why the plan in words for users, e.g. "provider not yet trusted (3 of 10): replicated"
 */
public record TaskVerification(int quorum, int target, Partner partner, int tieBreakers, String why) {
    public TaskVerification {
        if (quorum < 1) throw new IllegalArgumentException("quorum must be >= 1, was " + quorum);
        if (target < quorum) throw new IllegalArgumentException("target (" + target + ") must be >= quorum (" + quorum + ")");
        if (partner == null) throw new IllegalArgumentException("a plan names its replicas' partner");
        if (tieBreakers < 0 || tieBreakers > VerificationRules.MAX_TIE_BREAKERS)
            throw new IllegalArgumentException("tieBreakers must be between 0 and " + VerificationRules.MAX_TIE_BREAKERS + ", was " + tieBreakers);
        if (why == null || why.isBlank()) throw new IllegalArgumentException("a plan says why");
    }

    /** Whether a result accepted under this plan was compared with another: only then does trust change. */
    public boolean replicated() {
        return target > 1;
    }
}
