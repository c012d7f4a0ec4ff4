package org.gridmint.coordinator;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** What a service test on one default {@link TestNetwork} shares: a fresh network per test, closed (so ledger-audited) after it. */
public abstract class InProcessNetworkTest {
    @TempDir
    protected Path dir;
    /** A test may close it and put another here: the one here at the end is the one closed and audited. */
    protected TestNetwork net;

    @BeforeEach
    final void openNetwork() {
        net = new TestNetwork(dir);
    }

    @AfterEach
    final void closeNetwork() {
        net.close();
    }
}
