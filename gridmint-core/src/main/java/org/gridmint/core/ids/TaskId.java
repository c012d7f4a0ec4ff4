package org.gridmint.core.ids;

/** Identifies one task: its job and its 0-based index in that job. */
public record TaskId(JobId job, int index) implements Comparable<TaskId> {
    public TaskId {
        if (job == null) throw new IllegalArgumentException("task id needs a job id");
        if (index < 0) throw new IllegalArgumentException("task index must be >= 0, was " + index);
    }

    @Override
    public int compareTo(TaskId o) {
        int c = job.compareTo(o.job);
        return c != 0 ? c : Integer.compare(index, o.index);
    }

    @Override
    public String toString() {
        return job + "/" + index;
    }
}
