package org.gridmint.coordinator.verify;

import java.time.Instant;
import java.util.Optional;
import org.gridmint.coordinator.market.Market;
import org.gridmint.coordinator.store.JobRecord;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.scheduling.TaskRecord;
import org.gridmint.core.verify.Trust;

/** Why a verified job's task that waits for a replica would not be placed now, in words, for the job's status. */
public final class ReplicaWait {
    private ReplicaWait() {}

    /** Empty when the job verifies nothing, has no task waiting for a replica, or a provider would take the first one. */
    public static Optional<String> why(StoreTx tx, Market market, JobRecord job, Instant now) {
        if (!Verifier.verifies(job)) return Optional.empty();
        var waiting = tx.pendingResults(job.id());
        if (waiting.isEmpty()) return Optional.empty();
        int index = waiting.keySet().iterator().next();
        TaskRecord t = tx.task(new TaskId(job.id(), index)).orElseThrow();
        var r = new Exclusions(tx).forPending(job, t);
        String task = "task " + index + " waits for " + (r.only() == null ? "a replica" : "a check on a trusted provider");
        if (r.only() != null && r.only().isEmpty())
            return Optional.of(task + ", and no provider that may check it is trusted yet (trust comes from " + Trust.THRESHOLD
                    + " results in a row that agreed with others')");
        return market.waiting(tx, Market.pending(job, t.id(), t.lastFailedProvider(), r.excluded(), r.only()), now).map(s -> task + ": " + s);
    }
}
