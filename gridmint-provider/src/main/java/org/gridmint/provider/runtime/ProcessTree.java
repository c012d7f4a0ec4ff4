package org.gridmint.provider.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.gridmint.provider.sandbox.Launch;

/** Kills a command and everything it started, politely first. */
final class ProcessTree {
    private ProcessTree() {}

    /**
     * SIGTERM to the process and its descendants, SIGKILL to whatever is left after {@code grace}, then the
     * launch's own sweep (its cgroup or process group) for children that were re-parented away from us.
     */
    static void kill(Process process, Launch launch, Duration grace) {
        // Descendants must be listed before the parent dies: orphans are re-parented and drop out of the tree.
        List<ProcessHandle> tree = tree(process);
        tree.forEach(ProcessHandle::destroy);
        if (!grace.isZero()) {
            CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
            try {
                CompletableFuture.allOf(exits).get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // some ignored SIGTERM: SIGKILL below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<ProcessHandle> left = new ArrayList<>(tree);
        left.addAll(tree(process));
        left.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        launch.killLeftovers(process.pid());
    }

    private static List<ProcessHandle> tree(Process process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        return all;
    }
}
