package org.gridmint.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.gridmint.client.GridmintClient;
import org.gridmint.coordinator.ledger.LedgerVerifier;
import org.gridmint.coordinator.store.JdbcStore;
import org.gridmint.coordinator.store.Store;
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
        // Every test that moved money ends with the ledger audit, on the stores its coordinators left behind (killed or not).
        for (Path dir : net.coordinatorDirs()) {
            try (Store store = JdbcStore.sqlite(dir)) {
                LedgerVerifier.Result result = LedgerVerifier.verify(store);
                assertThat(result.breaks()).as("ledger verify of %s after the test", dir).isEmpty();
            }
        }
    }

    /** Connects the SDK client (as the CLI's client account) to {@code coordinator}, replacing any earlier one. */
    GridmintClient connect(URI coordinator) {
        if (client != null) client.close();
        client = new GridmintClient(coordinator, net.clientIdentity());
        return client;
    }
}
