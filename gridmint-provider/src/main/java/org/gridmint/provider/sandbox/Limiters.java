package org.gridmint.provider.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the best way this host offers to limit a task's resources: cgroups v2, cgroups v1, prlimit, or none. */
public final class Limiters {
    private static final Logger log = LoggerFactory.getLogger(Limiters.class);

    /** Applies nothing; for hosts with no mechanism at all, and for tests. */
    public static final Limiter NONE = new Limiter() {
        @Override
        public String kind() {
            return "none";
        }

        @Override
        public String describe() {
            return "none (no cgroup is writable and prlimit is missing)";
        }

        @Override
        public LimitScope open(String id, ResourceLimits limits) {
            return LimitScope.NONE;
        }
    };

    private Limiters() {}

    /** Probes the host once; the agent calls this at start and logs the answer. */
    public static Limiter detect() {
        Limiter chosen = null;
        try {
            CgroupMounts mounts = CgroupMounts.ofThisProcess();
            chosen = CgroupV2Limiter.detect(mounts).or(() -> CgroupV1Limiter.detect(mounts)).orElse(null);
        } catch (IOException | RuntimeException e) {
            log.debug("cannot read this process's cgroups: {}", e.toString());
        }
        if (chosen == null) chosen = prlimit().orElse(NONE);
        log.info("resource limits: {}", chosen.describe());
        return chosen;
    }

    /** The prlimit layer alone, when {@code prlimit} is on PATH. */
    public static Optional<Limiter> prlimit() {
        return Executables.find("prlimit").map(PrlimitLimiter::new);
    }

    /** Whether we may create a group under {@code parent} and write its {@code limitFile}; leaves nothing behind. */
    static boolean canCreateChild(Path parent, String limitFile) {
        Path probe = parent.resolve("probe-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            Files.createDirectories(parent);
            Files.createDirectory(probe);
            try {
                Path f = probe.resolve(limitFile);
                if (!Files.isWritable(f)) return false;
                Files.writeString(f, Files.readString(f).strip().split("\\s+")[0]);
                return true;
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
