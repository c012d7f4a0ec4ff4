package org.gridmint.client.fake;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.gridmint.api.AttemptView;
import org.gridmint.api.BlobRef;
import org.gridmint.api.GpuInfo;
import org.gridmint.api.JobView;
import org.gridmint.api.ProviderView;
import org.gridmint.api.TaskView;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.core.spec.JobSpecDraft;

/** Valid wire views for tests, built so that a test states only what differs. */
public final class Fixtures {
    public static final Instant T0 = Instant.parse("2026-11-03T12:00:00Z");

    private Fixtures() {}

    /** A job whose counts agree with its tasks; created at {@link #T0}. */
    public static JobView job(String id, String state, TaskView... tasks) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (TaskView t : tasks) counts.merge(t.state(), 1, Integer::sum);
        boolean done = state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("CANCELLED");
        return new JobView(id, "demo", "alice", state, tasks.length, counts, T0, T0.plusSeconds(5), done ? T0.plusSeconds(60) : null,
                state.equals("FAILED") ? "task 0 failed 3 times" : null, 3, 3_600_000, new BigDecimal("0.5"), List.of(tasks), null);
    }

    /** A job of {@code n} tasks all in {@code taskState}. */
    public static JobView uniform(String id, String state, int n, String taskState) {
        return job(id, state, IntStream.range(0, n).mapToObj(i -> task(i, taskState)).toArray(TaskView[]::new));
    }

    public static TaskView task(int index, String state, AttemptView... attempts) {
        int failures = (int) List.of(attempts).stream().filter(a -> a.reason() != null).count();
        String last = attempts.length == 0 ? null : attempts[attempts.length - 1].reason();
        List<BlobRef> outputs = state.equals("SUCCEEDED") ? List.of(new BlobRef("out.txt", "a".repeat(64), 3)) : List.of();
        return new TaskView(index, state, failures, last, List.of(attempts), outputs, null);
    }

    /** An attempt on {@code provider}; {@code reason} null for a running or succeeded one. */
    public static AttemptView attempt(int number, String provider, String state, String reason) {
        String text = reason == null ? null : AttemptReason.valueOf(reason).description();
        Instant start = T0.plusSeconds(10L * number);
        boolean ended = !state.equals("RUNNING") && !state.equals("ASSIGNED");
        return new AttemptView("att-" + provider + "-" + number, number, provider, state, reason, text, null,
                reason != null && reason.equals("EXIT_NONZERO") ? 3 : null, start, start.plusSeconds(1), ended ? start.plusSeconds(9) : null, null, null);
    }

    public static ProviderView provider(String id) {
        return new ProviderView(id, "rig-" + id, 16, 65_536, List.of(new GpuInfo("T4", 15_360, "GPU-1")), "eu-west", new BigDecimal("0.12"), 2,
                true, "HEALTHY", T0, T0.plusSeconds(30), 1, 42, 3, 1, 5_000, "acct-owner-" + id, false, null, 0.93, null,
                asks(), 1.25, new BigDecimal("12.5"));
    }

    /** {@link #provider} serving {@code models}, each on {@code device}. */
    public static ProviderView provider(String id, String device, String... models) {
        var p = provider(id);
        var offers = java.util.Arrays.stream(models).map(m -> new org.gridmint.api.ModelOffer(m, device, 384, new BigDecimal("0.02"))).toList();
        return new ProviderView(p.id(), p.name(), p.cpus(), p.memoryMb(), p.gpus(), p.region(), p.price(), p.slots(), p.sandboxed(), p.health(),
                p.registeredAt(), p.lastSeenAt(), p.running(), p.succeeded(), p.failed(), p.lost(), p.heartbeatIntervalMillis(), p.owner(),
                p.quarantined(), p.quarantineReason(), p.reliability(), p.lastSkip(), p.asks(), p.speed(), p.stake(), offers);
    }

    private static java.util.Map<String, BigDecimal> asks() {
        var m = new java.util.LinkedHashMap<String, BigDecimal>();
        m.put("cpu", new BigDecimal("0.02"));
        m.put("gpu:T4", new BigDecimal("0.12"));
        return m;
    }

    /** The view the fake answers for a fresh submission: every task PENDING. */
    static JobView submitted(String id, JobSpecDraft spec) {
        int n = spec.args() != null ? spec.args().size() : spec.tasks() == null ? 1 : spec.tasks();
        List<TaskView> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) tasks.add(task(i, "PENDING"));
        JobView j = job(id, "PENDING", tasks.toArray(TaskView[]::new));
        return new JobView(j.id(), spec.name(), j.owner(), j.state(), j.taskCount(), j.taskCounts(), j.createdAt(), j.updatedAt(), null, null,
                j.retries(), j.timeoutMillis(), j.maxPrice(), j.tasks(), null);
    }

    public static JobView withState(JobView j, String state) {
        return new JobView(j.id(), j.name(), j.owner(), state, j.taskCount(), j.taskCounts(), j.createdAt(), j.updatedAt(), j.finishedAt(),
                j.failureReason(), j.retries(), j.timeoutMillis(), j.maxPrice(), j.tasks(), j.waiting());
    }

    public static JobView withoutTasks(JobView j) {
        return new JobView(j.id(), j.name(), j.owner(), j.state(), j.taskCount(), j.taskCounts(), j.createdAt(), j.updatedAt(), j.finishedAt(),
                j.failureReason(), j.retries(), j.timeoutMillis(), j.maxPrice(), List.of(), null);
    }
}
