package org.gridmint.provider.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A prepared process and the limit scope it will run in; close it after the process has exited.
 *
 * @param processGroupKill a {@code kill} binary when the command leads its own process group (so the whole
 *     group can be killed, also children re-parented away from us); null otherwise
 */
public record Launch(ProcessBuilder builder, LimitScope scope, Path processGroupKill) implements AutoCloseable {
    public Launch {
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(scope, "scope");
    }

    /** Kills what the process tree no longer shows: the rest of its cgroup or of its process group. */
    public void killLeftovers(long pid) {
        scope.killAll();
        if (processGroupKill == null) return;
        try {
            Process k = new ProcessBuilder(List.of(processGroupKill.toString(), "-KILL", "--", "-" + pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            k.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // nothing left to kill is the usual reason, and then there is nothing to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        scope.close();
    }
}
