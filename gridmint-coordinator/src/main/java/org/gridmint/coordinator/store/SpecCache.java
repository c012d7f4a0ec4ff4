package org.gridmint.coordinator.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.spec.JobSpec;
import org.gridmint.core.spec.JobSpecDraft;

/**
 * Parsed drafts and validated specs by job id, least recently used first out. A job's draft never changes
 * after insert and job ids are never reused, so an entry can never go stale; this saves parsing and
 * validating a 100,000-task spec on every claim. Weighted by task count so a few huge jobs cannot fill the heap.
 *
 * <p>Concurrency: shared by all transactions; every method is synchronized and does only map work.
 */
final class SpecCache {
    /** A job's draft and the spec validated from it. */
    record Entry(JobSpecDraft draft, JobSpec spec) {
        long weight() {
            return 1L + spec.taskCount();
        }
    }

    private final long maxWeight;
    private final Map<JobId, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long weight;

    SpecCache(long maxWeight) {
        if (maxWeight < 1) throw new IllegalArgumentException("maxWeight must be >= 1, was " + maxWeight);
        this.maxWeight = maxWeight;
    }

    synchronized Entry get(JobId id) {
        return entries.get(id);
    }

    synchronized void put(JobId id, Entry e) {
        if (e.weight() > maxWeight) return;
        Entry old = entries.put(id, e);
        if (old != null) weight -= old.weight();
        weight += e.weight();
        var it = entries.values().iterator();
        while (weight > maxWeight && it.hasNext()) {
            weight -= it.next().weight();
            it.remove();
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
