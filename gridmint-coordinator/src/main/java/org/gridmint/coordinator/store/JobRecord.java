package org.gridmint.coordinator.store;

import java.time.Instant;
import java.util.List;
import org.gridmint.api.BlobRef;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.lifecycle.JobState;
import org.gridmint.core.spec.JobSpec;
import org.gridmint.core.spec.JobSpecDraft;

/**
 * A job as stored: the spec as the client wrote it (kept verbatim so it can be shown back), the validated
 * spec, the uploaded files and the job's state.
 */
public record JobRecord(
        JobId id,
        String owner,
        JobSpecDraft draft,
        JobSpec spec,
        List<BlobRef> files,
        JobState state,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt,
        String failureReason) {

    public JobRecord {
        files = List.copyOf(files);
    }

    public JobRecord withState(JobState s, Instant now, String reason) {
        return new JobRecord(id, owner, draft, spec, files, s, createdAt, now, s.isFinal() ? now : finishedAt, reason == null ? failureReason : reason);
    }
}
