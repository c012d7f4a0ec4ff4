package org.gridmint.provider.runtime;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.gridmint.provider.sandbox.BubblewrapSandbox;
import org.gridmint.provider.sandbox.Executables;
import org.gridmint.provider.sandbox.Limiters;
import org.gridmint.provider.sandbox.Sandbox;
import org.junit.jupiter.api.BeforeAll;

/** The runtime contract under bubblewrap with the host's real limiter; skipped without bwrap (CI installs it). */
class BubblewrapExecRuntimeTest extends ExecRuntimeContract {
    private static Sandbox sandbox;

    @BeforeAll
    static void needsBubblewrap() {
        Optional<Path> bwrap = Executables.find("bwrap");
        assumeTrue(bwrap.isPresent(), "bubblewrap is not installed");
        sandbox = new BubblewrapSandbox(bwrap.get(), Limiters.detect());
    }

    @Override
    Sandbox sandbox() {
        return sandbox;
    }
}
