package org.gridmint.cli.format;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmint.api.AttemptView;
import org.gridmint.api.JobView;
import org.gridmint.api.TaskView;
import org.gridmint.core.spec.Durations;

/** How jobs read on a terminal: progress lines, failure lines, the status report, the job list, exit codes. */
public final class JobFormat {
    /** Task states in the order a task moves through them; unknown states follow in the order met. */
    static final List<String> TASK_STATES = List.of("PENDING", "ASSIGNED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED");
    private static final Set<String> DONE = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
    private static final int MESSAGE_CHARS = 160;

    private JobFormat() {}

    /** The exit status of {@code gridmint job watch}: 0 SUCCEEDED, 1 FAILED, 2 CANCELLED. */
    public static int exitCode(String jobState) {
        return switch (jobState) {
            case "SUCCEEDED" -> 0;
            case "CANCELLED" -> 2;
            default -> 1;
        };
    }

    /** Tasks per state, in lifecycle order, from the job's counts (or its tasks when counts are absent). */
    public static Map<String, Integer> counts(JobView job) {
        Map<String, Integer> raw = new LinkedHashMap<>();
        if (job.taskCounts() != null && !job.taskCounts().isEmpty()) raw.putAll(job.taskCounts());
        else if (job.tasks() != null) for (TaskView t : job.tasks()) raw.merge(t.state(), 1, Integer::sum);
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (String s : TASK_STATES) if (raw.containsKey(s)) ordered.put(s, raw.get(s));
        raw.forEach(ordered::putIfAbsent);
        return ordered;
    }

    /** How many tasks are final (succeeded, failed or cancelled). */
    public static int done(JobView job) {
        return counts(job).entrySet().stream().filter(e -> DONE.contains(e.getKey())).mapToInt(Map.Entry::getValue).sum();
    }

    /** {@code pending 3, running 2, succeeded 5}: the non-zero counts. */
    public static String countsText(JobView job) {
        List<String> parts = new ArrayList<>();
        counts(job).forEach((state, n) -> {
            if (n > 0) parts.add(state.toLowerCase() + " " + n);
        });
        return parts.isEmpty() ? "no tasks" : String.join(", ", parts);
    }

    /** {@code job-1 RUNNING 5/10 tasks done (pending 3, running 2, succeeded 5)}. */
    public static String progressLine(JobView job) {
        return job.id() + " " + job.state() + " " + done(job) + "/" + job.taskCount() + " tasks done (" + countsText(job) + ")"
                + (job.waiting() == null ? "" : "; waiting: " + job.waiting());
    }

    /**
     * One line for each attempt that ended badly and is not in {@code seen}, which it is then added to, so
     * that a watcher reports each failure once. Attempts cancelled with their job, and those a backup (or the attempt
     * it raced) beat to the result, are not failures.
     */
    public static List<String> newFailures(JobView job, Set<String> seen) {
        List<String> lines = new ArrayList<>();
        if (job.tasks() == null) return lines;
        for (TaskView t : job.tasks()) {
            if (t.attempts() == null) continue;
            for (AttemptView a : t.attempts()) {
                // A result a verdict rejected is a failure of its provider too, though the attempt itself ended without a reason.
                boolean rejected = "REJECTED".equals(a.state());
                if (!rejected && (a.reason() == null || a.reason().equals("CANCELLED") || a.reason().equals("SUPERSEDED"))) continue;
                if (seen.add(a.id() != null ? a.id() : t.index() + "/" + a.number())) lines.add(failureLine(t, a));
            }
        }
        return lines;
    }

    /** {@code task 7 attempt 1 on prov-x: LOST (PROVIDER_LOST: the provider stopped heartbeating…)}. */
    public static String failureLine(TaskView task, AttemptView a) {
        StringBuilder b = new StringBuilder("task ").append(task.index()).append(" attempt ").append(a.number())
                .append(" on ").append(a.providerId() == null ? "?" : a.providerId()).append(": ").append(a.state());
        if (a.reason() != null) {
            b.append(" (").append(a.reason());
            if (a.reasonText() != null) b.append(": ").append(a.reasonText());
            if (a.exitCode() != null) b.append("; exit code ").append(a.exitCode());
            b.append(')');
        }
        String msg = firstLine(a.message());
        if (msg != null) b.append(" - ").append(msg);
        return b.toString();
    }

    /** The last line of a watch: the outcome and, for a failed job, why. */
    public static String summary(JobView job) {
        String took = job.finishedAt() == null ? "" : " in " + Units.between(job.createdAt(), job.finishedAt());
        return switch (job.state()) {
            case "SUCCEEDED" -> job.id() + " SUCCEEDED: " + job.taskCount() + " tasks" + took;
            case "FAILED" -> job.id() + " FAILED" + took + (job.failureReason() == null ? "" : ": " + job.failureReason())
                    + " (see `gridmint job status " + job.id() + "`)";
            default -> job.id() + " " + job.state() + took + " (" + countsText(job) + ")";
        };
    }

    /** The report of {@code gridmint job status}: the job, then one row per attempt (or per task never tried). */
    public static String status(JobView job) {
        StringBuilder b = new StringBuilder();
        b.append(job.id()).append("  ").append(job.name()).append("  ").append(job.state()).append('\n');
        field(b, "owner", job.owner());
        field(b, "tasks", job.taskCount() + " (" + countsText(job) + ")");
        if (job.embed() != null) field(b, "embed", embedText(job.embed()));
        field(b, "created", Units.time(job.createdAt()) + " UTC");
        if (job.finishedAt() != null) field(b, "finished", Units.time(job.finishedAt()) + " UTC, after " + Units.between(job.createdAt(), job.finishedAt()));
        field(b, "limits", "max price " + (job.maxPrice() == null ? "-" : job.maxPrice().stripTrailingZeros().toPlainString()) + "/h, "
                + job.retries() + " retries, timeout " + Durations.format(Duration.ofMillis(job.timeoutMillis())));
        if (job.failureReason() != null) field(b, "failure", job.failureReason());
        if (job.waiting() != null) field(b, "waiting", job.waiting());
        if (job.tasks() == null || job.tasks().isEmpty()) return b.append(VerificationFormat.status(job)).toString();
        b.append('\n').append(tasksTable(job.tasks()).render());
        List<TaskView> saved = job.tasks().stream().filter(t -> t.checkpoint() != null).toList();
        if (!saved.isEmpty()) {
            b.append("\ncheckpoints (the latest of each task; a new attempt resumes from it)\n");
            for (TaskView t : saved) b.append("  ").append(checkpointLine(t)).append('\n');
        }
        return b.append(VerificationFormat.status(job)).toString();
    }

    /** {@code all-minilm-l6-v2-q over corpus.txt: 1000 items, 256 per task}. */
    static String embedText(org.gridmint.api.EmbedJobView e) {
        return e.model() + " over " + e.input() + ": " + e.items() + (e.items() == 1 ? " item" : " items") + ", " + e.shard() + " per task";
    }

    /** {@code task 3: by att-x at 12:00:07 UTC, 4.2s into its run (1.2 KB)}. */
    static String checkpointLine(TaskView t) {
        var c = t.checkpoint();
        return "task " + t.index() + ": by " + c.attemptId() + " at " + Units.time(c.at()) + " UTC, "
                + Durations.format(Duration.ofMillis(c.runtimeMillis())) + " into its run (" + c.blob().size() + " bytes)";
    }

    static Table tasksTable(List<TaskView> tasks) {
        Table t = Table.of("TASK", "STATE", "TRY", "PROVIDER", "STARTED (UTC)", "TOOK", "OUTCOME", "REASON").right(0, 2, 5);
        for (TaskView task : tasks) {
            if (task.attempts() == null || task.attempts().isEmpty()) {
                t.row(task.index(), task.state(), null, null, null, null, null, null);
                continue;
            }
            boolean first = true;
            for (AttemptView a : task.attempts()) {
                Instant start = a.startedAt() != null ? a.startedAt() : a.assignedAt();
                String took = a.endedAt() != null ? Units.between(start, a.endedAt()) : start == null ? null : "running";
                t.row(first ? task.index() : "", first ? task.state() : "", a.number(), a.providerId(),
                        start == null ? null : Units.time(start), took, a.state(), reason(a));
                first = false;
            }
        }
        return t;
    }

    private static String reason(AttemptView a) {
        List<String> notes = new ArrayList<>();
        if (a.backupOf() != null) notes.add("backup of " + a.backupOf() + ("SUCCEEDED".equals(a.state()) ? ", won" : ""));
        if (a.resumedFrom() != null) notes.add("resumed from " + a.resumedFrom() + "'s checkpoint");
        // A rejected result's attempt has no reason of its own; its message names the verdict and the evidence.
        if ("REJECTED".equals(a.state()) && firstLine(a.message()) != null) notes.add(firstLine(a.message()));
        String resumed = String.join("; ", notes);
        if (a.reason() == null) return resumed;
        StringBuilder b = new StringBuilder(resumed.isEmpty() ? "" : resumed + "; ").append(a.reason());
        if (a.reasonText() != null) b.append(": ").append(a.reasonText());
        if (a.exitCode() != null) b.append(" (exit ").append(a.exitCode()).append(')');
        String msg = firstLine(a.message());
        if (msg != null) b.append(" - ").append(msg);
        return b.toString();
    }

    /** The table of {@code gridmint job list}. */
    public static String list(List<JobView> jobs) {
        Table t = Table.of("ID", "NAME", "STATE", "DONE", "CREATED (UTC)", "OWNER").right(3);
        for (JobView j : jobs) t.row(j.id(), j.name(), j.state(), done(j) + "/" + j.taskCount(), Units.time(j.createdAt()), j.owner());
        return t.render();
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append("  ").append(name).append(" ".repeat(Math.max(1, 10 - name.length()))).append(value).append('\n');
    }

    private static String firstLine(String s) {
        if (s == null || s.isBlank()) return null;
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() <= MESSAGE_CHARS ? line : line.substring(0, MESSAGE_CHARS - 3) + "...";
    }
}
