package org.gridmint.provider.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Limits through cgroups v1: a group per run under each of the memory, cpu and pids hierarchies we may write. */
final class CgroupV1Limiter implements Limiter {
    static final long CPU_PERIOD_US = 100_000;

    /** Controller name to our "gridmint" parent group in that hierarchy. */
    private final Map<String, Path> parents;

    private CgroupV1Limiter(Map<String, Path> parents) {
        this.parents = Map.copyOf(parents);
    }

    /** A limiter over the controllers whose hierarchy this process can write, if any. */
    static Optional<Limiter> detect(CgroupMounts mounts) {
        Map<String, Path> usable = new LinkedHashMap<>();
        for (String controller : List.of("memory", "cpu", "pids")) {
            mounts.v1Dir(controller).map(d -> d.resolve("gridmint")).filter(p -> Limiters.canCreateChild(p, probeFile(controller)))
                    .ifPresent(p -> usable.put(controller, p));
        }
        return usable.isEmpty() ? Optional.empty() : Optional.of(new CgroupV1Limiter(usable));
    }

    private static String probeFile(String controller) {
        return switch (controller) {
            case "memory" -> "memory.limit_in_bytes";
            case "cpu" -> "cpu.cfs_quota_us";
            default -> "pids.max";
        };
    }

    @Override
    public String kind() {
        return "cgroup v1";
    }

    @Override
    public String describe() {
        return "cgroup v1 (" + String.join(", ", parents.keySet()) + ")";
    }

    @Override
    public LimitScope open(String id, ResourceLimits limits) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try {
            for (var e : parents.entrySet()) {
                Path dir = e.getValue().resolve(id);
                Files.createDirectories(dir);
                dirs.add(dir);
                apply(e.getKey(), dir, limits);
            }
        } catch (IOException | RuntimeException e) {
            new CgroupScope(dirs).close();
            throw e;
        }
        return new CgroupScope(dirs);
    }

    private static void apply(String controller, Path dir, ResourceLimits limits) throws IOException {
        switch (controller) {
            case "memory" -> {
                if (limits.memoryMb() > 0) Files.writeString(dir.resolve("memory.limit_in_bytes"), String.valueOf(limits.memoryMb() * 1024 * 1024));
            }
            case "cpu" -> {
                if (limits.cpus() > 0) {
                    Files.writeString(dir.resolve("cpu.cfs_period_us"), String.valueOf(CPU_PERIOD_US));
                    Files.writeString(dir.resolve("cpu.cfs_quota_us"), String.valueOf(CPU_PERIOD_US * limits.cpus()));
                }
            }
            case "pids" -> {
                if (limits.pids() > 0) Files.writeString(dir.resolve("pids.max"), String.valueOf(limits.pids()));
            }
            default -> throw new IllegalStateException("unexpected controller " + controller);
        }
    }
}
