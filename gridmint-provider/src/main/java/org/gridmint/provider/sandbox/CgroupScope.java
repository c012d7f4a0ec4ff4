package org.gridmint.provider.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run's cgroups (one per v1 controller, or one v2 group): joined by a shell prefix, removed at close. */
final class CgroupScope implements LimitScope {
    private static final Logger log = LoggerFactory.getLogger(CgroupScope.class);

    private final List<Path> dirs;

    CgroupScope(List<Path> dirs) {
        this.dirs = List.copyOf(dirs);
    }

    @Override
    public List<String> prefix() {
        // The shell joins the groups before it execs the command, so no child can fork outside them first:
        // writing the pid from Java after start() would race with the command's first fork.
        List<String> p = new ArrayList<>(List.of("/bin/sh", "-c",
                "n=$1; shift; while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\" || exit 125; shift; n=$((n-1)); done; exec \"$@\"",
                "gridmint-cgroup", String.valueOf(dirs.size())));
        dirs.forEach(d -> p.add(d.resolve("cgroup.procs").toString()));
        return p;
    }

    @Override
    public void killAll() {
        for (Path dir : dirs) {
            try {
                for (String pid : Files.readAllLines(dir.resolve("cgroup.procs"))) {
                    if (!pid.isBlank()) ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
                }
            } catch (IOException | NumberFormatException e) {
                log.debug("cannot list {}: {}", dir, e.toString());
            }
        }
    }

    @Override
    public void close() {
        // A killed process leaves its cgroup a moment after it is reaped, so rmdir can fail with EBUSY for a while.
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<Path> left = new ArrayList<>(dirs);
        while (!left.isEmpty()) {
            killAll();
            left.removeIf(CgroupScope::tryRemove);
            if (left.isEmpty() || System.nanoTime() > deadline) break;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!left.isEmpty()) log.warn("could not remove cgroups {} (still busy)", left);
    }

    private static boolean tryRemove(Path dir) {
        try {
            Files.deleteIfExists(dir);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
