package org.gridmint.provider.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Limits through cgroups v2: a group per run under a "gridmint" group below ours. This needs the memory, cpu
 * and pids controllers delegated to our group; we do not move the agent itself to make room, so a host that
 * keeps processes in our group (the no-internal-process rule) falls back to the next limiter.
 */
final class CgroupV2Limiter implements Limiter {
    private final Path parent;
    private final List<String> controllers;

    private CgroupV2Limiter(Path parent, List<String> controllers) {
        this.parent = parent;
        this.controllers = List.copyOf(controllers);
    }

    static Optional<Limiter> detect(CgroupMounts mounts) {
        Optional<Path> own = mounts.v2Dir();
        if (own.isEmpty()) return Optional.empty();
        try {
            Set<String> available = Set.of(Files.readString(own.get().resolve("cgroup.controllers")).strip().split("\\s+"));
            List<String> wanted = new ArrayList<>(List.of("memory", "cpu", "pids"));
            wanted.retainAll(available);
            // Hybrid hosts mount an empty unified hierarchy beside v1: without memory it is not worth using.
            if (!wanted.contains("memory")) return Optional.empty();
            enable(own.get(), wanted);
            Path parent = own.get().resolve("gridmint");
            Files.createDirectories(parent);
            enable(parent, wanted);
            if (!Limiters.canCreateChild(parent, "memory.max")) return Optional.empty();
            return Optional.of(new CgroupV2Limiter(parent, wanted));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void enable(Path group, List<String> controllers) throws IOException {
        Set<String> enabled = Set.of(Files.readString(group.resolve("cgroup.subtree_control")).strip().split("\\s+"));
        if (enabled.containsAll(controllers)) return;
        Files.writeString(group.resolve("cgroup.subtree_control"), String.join(" ", controllers.stream().map(c -> "+" + c).toList()));
    }

    @Override
    public String kind() {
        return "cgroup v2";
    }

    @Override
    public String describe() {
        return "cgroup v2 (" + String.join(", ", controllers) + ") under " + parent;
    }

    @Override
    public LimitScope open(String id, ResourceLimits limits) throws IOException {
        Path dir = parent.resolve(id);
        Files.createDirectories(dir);
        CgroupScope scope = new CgroupScope(List.of(dir));
        try {
            if (limits.memoryMb() > 0 && controllers.contains("memory")) {
                Files.writeString(dir.resolve("memory.max"), String.valueOf(limits.memoryMb() * 1024 * 1024));
                // Without this a task over its limit swaps instead of being stopped, slowing the whole host.
                writeIfPresent(dir.resolve("memory.swap.max"), "0");
            }
            if (limits.cpus() > 0 && controllers.contains("cpu")) {
                long period = CgroupV1Limiter.CPU_PERIOD_US;
                Files.writeString(dir.resolve("cpu.max"), (period * limits.cpus()) + " " + period);
            }
            if (limits.pids() > 0 && controllers.contains("pids")) Files.writeString(dir.resolve("pids.max"), String.valueOf(limits.pids()));
        } catch (IOException | RuntimeException e) {
            scope.close();
            throw e;
        }
        return scope;
    }

    private static void writeIfPresent(Path file, String value) {
        try {
            if (Files.exists(file)) Files.writeString(file, value);
        } catch (IOException ignored) {
            // swap accounting is optional in the kernel; memory.max still holds
        }
    }
}
