package org.gridmint.cli.it;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.gridmint.client.GridmintClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every multi-process test shares: a temp dir, a {@link CliNetwork} whose processes die with the test,
 * logs kept under {@code target/it-logs/<class>/<test>/}, and an SDK client closed afterwards.
 */
abstract class ProcessNetworkTest {
    static final Duration DEADLINE = Duration.ofSeconds(120);

    @TempDir Path tmp;
    CliNetwork net;
    GridmintClient client;

    @BeforeEach
    void createNetwork(TestInfo test) {
        net = new CliNetwork(tmp, Processes.logDir(test));
    }

    @AfterEach
    void stopNetwork() {
        if (client != null) client.close();
        net.close();
    }

    /** Connects the SDK client (as {@link CliNetwork#ACCOUNT}) to {@code coordinator}, replacing any earlier one. */
    GridmintClient connect(URI coordinator) {
        if (client != null) client.close();
        client = new GridmintClient(coordinator, CliNetwork.ACCOUNT);
        return client;
    }
}
