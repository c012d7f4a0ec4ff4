package org.gridmint.chain.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A local anvil chain (Foundry's dev node from npm) on a free loopback port, for tests and benchmarks: chain id 31337,
 * ten funded dev keys, mining on every transaction and every second. Close it to stop the process.
 */
public final class Anvil implements AutoCloseable {
    private Anvil() {}

    /** The anvil binary: {@code GRIDMINT_ANVIL}, else {@code chain/node_modules/...} in user.dir or a folder above it. */
    public static Optional<Path> binary() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Why anvil cannot start here and how to install it. */
    public static String unavailableReason() {
        throw new UnsupportedOperationException("not yet");
    }

    public static Anvil start() {
        throw new UnsupportedOperationException("not yet");
    }

    public String rpcUrl() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Anvil's ten funded dev keys (0x hex), the first being the usual deployer. */
    public List<String> devPrivateKeys() {
        throw new UnsupportedOperationException("not yet");
    }

    public void mine(int blocks) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Snapshots the chain's state; {@link #revert} returns to it. */
    public String snapshot() {
        throw new UnsupportedOperationException("not yet");
    }

    public void revert(String id) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void close() {}
}
