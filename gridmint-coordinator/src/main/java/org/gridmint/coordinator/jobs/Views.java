package org.gridmint.coordinator.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmint.api.AttemptView;
import org.gridmint.api.BlobRef;
import org.gridmint.api.CheckpointView;
import org.gridmint.api.JobView;
import org.gridmint.api.TaskView;
import org.gridmint.coordinator.store.CheckpointRecord;
import org.gridmint.coordinator.store.JobRecord;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.lifecycle.TaskState;
import org.gridmint.core.scheduling.AttemptRecord;
import org.gridmint.core.scheduling.TaskRecord;

/** Maps stored jobs, tasks and attempts to their wire views. */
public final class Views {
    private Views() {}

    public static JobView job(JobRecord j, Map<TaskState, Integer> counts, List<TaskRecord> tasks, List<AttemptRecord> attempts,
                              Map<Integer, List<BlobRef>> outputs) {
        return job(j, counts, tasks, attempts, outputs, Map.of(), Map.of(), Map.of());
    }

    /**
     * @param checkpoints the latest checkpoint of each task that has one, by task index
     * @param resumedFrom for attempts that started from a checkpoint, the attempt that took it
     * @param backupOf for backup attempts, the attempt each one raced
     */
    public static JobView job(JobRecord j, Map<TaskState, Integer> counts, List<TaskRecord> tasks, List<AttemptRecord> attempts,
                              Map<Integer, List<BlobRef>> outputs, Map<Integer, CheckpointRecord> checkpoints,
                              Map<AttemptId, AttemptId> resumedFrom, Map<AttemptId, AttemptId> backupOf) {
        List<TaskView> taskViews = null;
        if (tasks != null) {
            var byTask = new LinkedHashMap<Integer, List<AttemptView>>();
            for (AttemptRecord a : attempts)
                byTask.computeIfAbsent(a.task().index(), k -> new ArrayList<>()).add(attempt(a, resumedFrom.get(a.id()), backupOf.get(a.id())));
            taskViews = new ArrayList<>(tasks.size());
            for (TaskRecord t : tasks) {
                taskViews.add(new TaskView(t.id().index(), t.state().name(), t.failures(),
                        t.lastReason() == null ? null : t.lastReason().name(),
                        byTask.getOrDefault(t.id().index(), List.of()),
                        outputs.getOrDefault(t.id().index(), List.of()),
                        checkpoints.containsKey(t.id().index()) ? checkpoint(checkpoints.get(t.id().index())) : null));
            }
        }
        var e = j.spec().embed();
        return new JobView(j.id().value(), j.spec().name(), j.owner(), j.state().name(), j.spec().taskCount(), counts(counts),
                j.createdAt(), j.updatedAt(), j.finishedAt(), j.failureReason(), j.spec().retries(), j.spec().timeout().toMillis(),
                j.spec().maxPrice().toBigDecimal(), taskViews, null, List.of(), null,
                e == null || e.items() == null ? null : new org.gridmint.api.EmbedJobView(e.model(), e.input(), e.items(), e.shard()));
    }

    /** An attempt without its resumed-from link (the answers to a provider's reports, which do not need it). */
    public static AttemptView attempt(AttemptRecord a) {
        return attempt(a, null);
    }

    /** @param resumedFrom the attempt whose checkpoint this one started from, or null */
    public static AttemptView attempt(AttemptRecord a, AttemptId resumedFrom) {
        return attempt(a, resumedFrom, null);
    }

    /** @param backupOf the attempt this backup raced, or null when it is no backup */
    public static AttemptView attempt(AttemptRecord a, AttemptId resumedFrom, AttemptId backupOf) {
        return new AttemptView(a.id().value(), a.number(), a.provider().value(), a.state().name(),
                a.reason() == null ? null : a.reason().name(), a.reason() == null ? null : a.reason().description(),
                a.message(), a.exitCode(), a.assignedAt(), a.startedAt(), a.endedAt(), a.progress(),
                resumedFrom == null ? null : resumedFrom.value(), backupOf == null ? null : backupOf.value());
    }

    public static CheckpointView checkpoint(CheckpointRecord c) {
        return new CheckpointView(c.attempt().value(), c.blob(), c.runtimeMillis(), c.at());
    }

    /** Counts for every state, zeros included, in lifecycle order, so clients can render them as they are. */
    public static Map<String, Integer> counts(Map<TaskState, Integer> counts) {
        var m = new LinkedHashMap<String, Integer>();
        for (TaskState s : TaskState.values()) m.put(s.name(), counts.getOrDefault(s, 0));
        return m;
    }
}
