package org.gridmint.provider.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Runs commands as plain processes in their work dir, with only resource limits: for trusted jobs and hosts without bubblewrap. */
public final class UnsandboxedRunner implements Sandbox {
    private static final Optional<Path> SETSID = Executables.find("setsid");
    private static final Optional<Path> KILL = Executables.find("kill");

    private final Limiter limiter;

    public UnsandboxedRunner(Limiter limiter) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    @Override
    public Launch prepare(SandboxSpec spec) throws IOException {
        LimitScope scope = limiter.open(spec.id(), spec.limits());
        List<String> cmd = new ArrayList<>(scope.prefix());
        Path kill = null;
        if (SETSID.isPresent() && KILL.isPresent()) {
            // Its own process group lets us kill children that outlive the command (`cmd &`), which the process tree loses.
            cmd.add(SETSID.get().toString());
            kill = KILL.get();
        }
        cmd.addAll(spec.command());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(spec.workDir().toFile());
        pb.environment().clear();
        pb.environment().putAll(spec.env());
        return new Launch(pb, scope, kill);
    }

    @Override
    public Path workDirInside(Path workDir) {
        return workDir.toAbsolutePath();
    }

    @Override
    public boolean isolating() {
        return false;
    }

    @Override
    public Limiter limiter() {
        return limiter;
    }

    @Override
    public String describe() {
        return "none (commands run unsandboxed as the agent's user), limits: " + limiter.describe();
    }

    @Override
    public String toString() {
        return describe();
    }
}
