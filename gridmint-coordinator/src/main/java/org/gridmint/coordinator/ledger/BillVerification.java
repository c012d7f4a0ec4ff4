package org.gridmint.coordinator.ledger;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.gridmint.coordinator.store.JobRecord;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.coordinator.store.TaskResult;
import org.gridmint.coordinator.store.VerdictRecord;
import org.gridmint.core.lifecycle.TaskState;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.AttemptRecord;
import org.gridmint.core.scheduling.TaskRecord;

/**
 * What a verified job's bill says about each result: the one the client paid, a replica the network paid at cost, one
 * rejected by a verdict and so not paid, or one awaiting its verdict; and the job's verification totals.
 */
final class BillVerification {
    private final Map<String, TaskResult> results = new HashMap<>();
    private final Map<String, VerdictRecord> verdictOf = new HashMap<>();
    private final Map<String, VerdictRecord.Entry> entryOf = new HashMap<>();
    private long network;
    private long compensation;

    /** One attempt's verification in the bill. */
    record Line(String verification, String verdictId, BigDecimal paidByNetwork, String why) {}

    static BillVerification of(StoreTx tx, JobRecord job) {
        BillVerification b = new BillVerification();
        for (TaskResult r : tx.results(job.id())) b.results.put(r.attempt().value(), r);
        for (VerdictRecord v : tx.verdicts(job.id())) {
            for (VerdictRecord.Entry e : v.results()) {
                b.verdictOf.put(e.attempt(), v); // by time: the latest verdict on a result is the one that stands
                b.entryOf.put(e.attempt(), e);
                b.network += e.paidByNetworkMicros();
                b.compensation += e.slashedToClientMicros();
            }
        }
        return b;
    }

    BigDecimal costByNetwork() {
        return Credits.ofMicros(network).toBigDecimal();
    }

    BigDecimal slashCompensation() {
        return Credits.ofMicros(compensation).toBigDecimal();
    }

    /** The attempt's line, or null when it reported no result of a verified job. */
    Line line(AttemptRecord a, TaskRecord task, boolean billed) {
        TaskResult r = results.get(a.id().value());
        if (r == null) return null;
        VerdictRecord v = verdictOf.get(a.id().value());
        String vid = v == null ? null : v.id();
        return switch (r.status()) {
            case ACCEPTED -> new Line("ACCEPTED", vid, null, "billed: its result was accepted by verdict " + vid
                    + (v != null && v.results().size() > 1 ? " (verified by " + v.results().size() + " results)" : " (alone, unverified)"));
            case AGREED -> {
                long paid = entryOf.get(a.id().value()).paidByNetworkMicros();
                yield new Line("REPLICA", vid, Credits.ofMicros(paid).toBigDecimal(), "replica, paid at cost by the network ("
                        + Credits.ofMicros(paid) + " credits, verdict " + vid + "): not billed to the client");
            }
            case REJECTED -> new Line("REJECTED", vid, null, billed
                    ? "rejected by verdict " + vid + " after it had been paid unverified: its provider was slashed, which compensates the client"
                    : "rejected by verdict " + vid + ": not paid");
            case OPEN -> new Line("OPEN", vid, null, task.state() == TaskState.FAILED && v != null
                    ? "not billed: its task's results formed no quorum (verdict " + vid + ")"
                    : "not billed yet: its result awaits a verdict");
        };
    }
}
