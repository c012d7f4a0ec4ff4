package org.gridmint.provider.sandbox;

import java.io.IOException;
import java.nio.file.Path;

/** Turns a command into a confined process to start; implementations are stateless and thread-safe. */
public interface Sandbox {

    /** Builds the process for {@code spec}; the caller starts it and closes the launch once it has exited. */
    Launch prepare(SandboxSpec spec) throws IOException;

    /** Where the command sees its work dir (HOME and relative paths point there). */
    Path workDirInside(Path workDir);

    /** True when commands run isolated from the host (what the agent advertises as "sandboxed"). */
    boolean isolating();

    Limiter limiter();

    /** One line for logs: which sandbox and which limits. */
    String describe();
}
