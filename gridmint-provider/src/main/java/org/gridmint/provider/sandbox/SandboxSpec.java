package org.gridmint.provider.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One command to confine.
 *
 * @param id names the limit scope (cgroup) of this run; made of safe characters by the caller
 * @param workDir the host directory the command may write, seen by it at {@link Sandbox#workDirInside}
 * @param env the complete environment of the command; nothing of the agent's own leaks in
 * @param network whether the command may use the network
 * @param gpus whether the command needs the GPU device nodes
 */
public record SandboxSpec(String id, List<String> command, Path workDir, Map<String, String> env, boolean network, boolean gpus,
        ResourceLimits limits) {
    public SandboxSpec {
        Objects.requireNonNull(id, "id");
        command = List.copyOf(command);
        if (command.isEmpty()) throw new IllegalArgumentException("command must not be empty");
        Objects.requireNonNull(workDir, "workDir");
        env = Map.copyOf(env);
        Objects.requireNonNull(limits, "limits");
    }
}
