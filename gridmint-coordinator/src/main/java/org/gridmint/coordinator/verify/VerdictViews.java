package org.gridmint.coordinator.verify;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gridmint.api.VerdictView;
import org.gridmint.api.VerificationView;
import org.gridmint.coordinator.store.JobRecord;
import org.gridmint.coordinator.store.TaskResult;
import org.gridmint.coordinator.store.VerdictRecord;
import org.gridmint.core.money.Credits;

/** Maps a job's verdicts and results to the wire views of its status. */
public final class VerdictViews {
    /** How much of a digest a view shows: enough to tell results apart by eye. */
    public static final int DIGEST_PREFIX = 12;

    private VerdictViews() {}

    public static List<VerdictView> verdicts(List<VerdictRecord> verdicts) {
        return verdicts.stream().map(VerdictViews::verdict).toList();
    }

    public static VerdictView verdict(VerdictRecord v) {
        return new VerdictView(v.id(), v.task().index(), v.outcome().name(), v.policy(), v.why(), v.canonical() == null ? null : v.canonical().value(),
                v.decidedAt(), v.results().stream().map(e -> new VerdictView.ResultView(e.attempt(), e.provider(), e.owner(),
                        e.digest().substring(0, Math.min(DIGEST_PREFIX, e.digest().length())), e.agrees(), e.rejected(), e.evidence(),
                        Credits.ofMicros(e.paidByNetworkMicros()).toBigDecimal(),
                        Credits.ofMicros(e.slashedToClientMicros() + e.slashedToTreasuryMicros()).toBigDecimal())).toList());
    }

    /** What verification took and found on the job, from its verdicts and every result reported. */
    public static VerificationView summary(JobRecord job, List<VerdictRecord> verdicts, List<TaskResult> results) {
        Set<String> checked = new HashSet<>();
        Set<String> caught = new HashSet<>();
        long network = 0;
        long compensation = 0;
        for (VerdictRecord v : verdicts) {
            for (VerdictRecord.Entry e : v.results()) {
                if (v.results().size() >= 2) checked.add(e.attempt());
                if (e.rejected()) caught.add(e.provider());
                network += e.paidByNetworkMicros();
                compensation += e.slashedToClientMicros();
            }
        }
        Set<Integer> tasksWithResults = new HashSet<>();
        for (TaskResult r : results) tasksWithResults.add(r.task().index());
        return new VerificationView(Policies.describe(job.spec().verify()), checked.size(), results.size() - tasksWithResults.size(),
                Credits.ofMicros(network).toBigDecimal(), caught.size(), Credits.ofMicros(compensation).toBigDecimal());
    }
}
