package org.gridmint.cli.format;

import java.math.BigDecimal;
import java.util.List;
import org.gridmint.api.JobBill;
import org.gridmint.api.JobView;
import org.gridmint.api.VerdictView;
import org.gridmint.api.VerificationView;

/**
 * How verification reads on a terminal: a job's verification summary and its verdicts with their evidence (in
 * {@code job status}), and what verification cost and earned in a bill (in {@code job bill}).
 */
public final class VerificationFormat {
    private static final int EVIDENCE_CHARS = 120;

    private VerificationFormat() {}

    /** Whether the job verifies anything: a job with {@code verify: none} (or from before verification) shows nothing of it. */
    static boolean shown(JobView job) {
        return job.verification() != null && (!"none".equals(job.verification().policy()) || !job.verdicts().isEmpty());
    }

    /**
     * The lines of {@code job status} under the job's fields: the policy and what it took and found, then one row per
     * result weighed by each verdict.
     */
    static String status(JobView job) {
        if (!shown(job)) return "";
        VerificationView v = job.verification();
        StringBuilder b = new StringBuilder("\nverification  ").append(v.policy()).append('\n');
        b.append("  ").append(v.resultsChecked()).append(" result").append(plural(v.resultsChecked())).append(" checked against another, ")
                .append(v.replicasRun()).append(" replica").append(plural(v.replicasRun())).append(" run; the network paid ")
                .append(MoneyFormat.credits(v.verificationCostByNetwork())).append(" credits for them at cost (not charged to you)\n");
        b.append("  ").append(v.cheatersCaught()).append(v.cheatersCaught() == 1 ? " provider" : " providers").append(" caught with wrong results")
                .append(v.cheatersCaught() == 0 ? "" : "; their slashes paid you " + MoneyFormat.credits(v.slashCompensation()) + " credits").append('\n');
        if (job.verdicts().isEmpty()) return b.append("  no verdicts yet\n").toString();
        b.append('\n').append(verdictsTable(job.verdicts()).render());
        return b.toString();
    }

    /**
     * One row per result of each verdict; the verdict's task, outcome and id on its first row. The evidence says how the
     * result compared (equal digests, the largest distance, a file that did not parse).
     */
    static Table verdictsTable(List<VerdictView> verdicts) {
        Table t = Table.of("TASK", "VERDICT", "OUTCOME", "ATTEMPT", "PROVIDER", "DIGEST", "RESULT", "NETWORK PAID", "SLASHED", "EVIDENCE").right(0, 7, 8);
        for (VerdictView v : verdicts) {
            boolean first = true;
            for (VerdictView.ResultView r : v.results()) {
                t.row(first ? v.task() : "", first ? v.id() : "", first ? v.outcome() : "", r.attemptId(), r.providerId(), r.digest(), result(v, r),
                        positive(r.paidByNetwork()), positive(r.slashed()), clip(r.evidence()));
                first = false;
            }
            if (v.results().isEmpty()) t.row(v.task(), v.id(), v.outcome(), null, null, null, null, null, null, clip(v.why()));
        }
        return t;
    }

    /** accepted / agreed / REJECTED (loud: its provider was slashed) / disagreed (no quorum: nobody was slashed). */
    static String result(VerdictView v, VerdictView.ResultView r) {
        if (r.rejected()) return "REJECTED";
        if (r.attemptId() != null && r.attemptId().equals(v.acceptedAttemptId())) return "accepted";
        return r.agrees() ? "agreed" : "disagreed";
    }

    /** The bill's verification column: ACCEPTED, REPLICA, REJECTED or OPEN; empty for an attempt without a result. */
    static String billColumn(JobBill.AttemptBill a) {
        return a.verification() == null ? "" : a.verification();
    }

    /** Whether any attempt of the bill was verified: only then does the bill show the column. */
    static boolean verified(JobBill b) {
        return b.tasks().stream().flatMap(t -> t.attempts().stream()).anyMatch(a -> a.verification() != null);
    }

    /** The bill's verification totals, under its own; empty for a bill of a job that verified nothing. */
    static String billTotals(JobBill b) {
        boolean any = verified(b) || isPositive(b.verificationCostByNetwork()) || isPositive(b.slashCompensation());
        if (!any) return "";
        return "verified   " + MoneyFormat.credits(zeroIfNull(b.verificationCostByNetwork()))
                + " credits paid by the network at cost for the replicas that checked your results (not charged to you)\n"
                + "slashes    " + MoneyFormat.credits(zeroIfNull(b.slashCompensation()))
                + " credits paid to you from the stakes of providers caught returning wrong results\n";
    }

    private static String positive(BigDecimal amount) {
        return isPositive(amount) ? MoneyFormat.credits(amount) : "";
    }

    private static boolean isPositive(BigDecimal amount) {
        return amount != null && amount.signum() > 0;
    }

    private static BigDecimal zeroIfNull(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }

    private static String clip(String s) {
        if (s == null) return null;
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() <= EVIDENCE_CHARS ? line : line.substring(0, EVIDENCE_CHARS - 3) + "...";
    }
}
