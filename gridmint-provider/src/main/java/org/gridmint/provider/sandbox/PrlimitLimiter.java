package org.gridmint.provider.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Limits through {@code prlimit}: address space for memory (stricter than resident memory: programs that
 * reserve much more than they touch may fail) and a process count. No CPU quota: RLIMIT_CPU caps CPU seconds,
 * which would kill long tasks rather than slow them.
 */
final class PrlimitLimiter implements Limiter {
    private final Path prlimit;

    PrlimitLimiter(Path prlimit) {
        this.prlimit = Objects.requireNonNull(prlimit, "prlimit");
    }

    @Override
    public String kind() {
        return "prlimit";
    }

    @Override
    public String describe() {
        return "prlimit (address space, processes; no CPU quota) at " + prlimit;
    }

    @Override
    public LimitScope open(String id, ResourceLimits limits) {
        List<String> prefix = new ArrayList<>();
        if (limits.memoryMb() > 0) prefix.add("--as=" + limits.memoryMb() * 1024 * 1024);
        if (limits.pids() > 0) {
            // RLIMIT_NPROC counts every process of the user, not just this task's: leave room for what already runs.
            prefix.add("--nproc=" + (limits.pids() + processesOfThisUser()));
        }
        if (prefix.isEmpty()) return LimitScope.NONE;
        prefix.addFirst(prlimit.toString());
        prefix.add("--");
        List<String> p = List.copyOf(prefix);
        return new LimitScope() {
            @Override
            public List<String> prefix() {
                return p;
            }

            @Override
            public void killAll() {}

            @Override
            public void close() {}
        };
    }

    private static long processesOfThisUser() {
        String me = ProcessHandle.current().info().user().orElse(null);
        if (me == null) return 0;
        return ProcessHandle.allProcesses().filter(p -> me.equals(p.info().user().orElse(null))).count();
    }
}
