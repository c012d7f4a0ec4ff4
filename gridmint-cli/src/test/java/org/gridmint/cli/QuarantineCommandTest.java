package org.gridmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import org.gridmint.api.RegisterProviderRequest;
import org.gridmint.api.auth.Identity;
import org.gridmint.coordinator.Coordinator;
import org.gridmint.coordinator.CoordinatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gridmint provider quarantine} against a real coordinator: only the coordinator's own key may. */
class QuarantineCommandTest {
    @TempDir Path tmp;
    Coordinator coordinator;
    String provider;

    @BeforeEach
    void start() {
        coordinator = new Coordinator(CoordinatorConfig.defaults(tmp.resolve("coordinator")).withPort(0), InstantSource.system()).start();
        provider = coordinator.providers().register(Identity.generate().account(), new RegisterProviderRequest(null, "rig", 4, 8192, List.of(),
                "local", new BigDecimal("0.1"), 1, true, "test")).id();
    }

    @AfterEach
    void stop() {
        coordinator.close();
    }

    private Cli.Result run(Path dataDir, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--coordinator", coordinator.url(), "--data-dir", dataDir.toString()));
        return Cli.run(java.util.Map.of(), all.toArray(String[]::new));
    }

    @Test
    void operator_quarantinesAndReleases_withTheCoordinatorsDataDir() {
        Cli.Result q = run(tmp.resolve("coordinator"), "provider", "quarantine", provider, "--reason", "wrong results");

        assertThat(q.exit()).as(q.err()).isZero();
        assertThat(q.out().strip()).isEqualTo(provider + " quarantined: wrong results");
        assertThat(coordinator.providers().list().providers().getFirst().quarantined()).isTrue();
        assertThat(Cli.run(java.util.Map.of(), "providers", "--coordinator", coordinator.url()).out()).contains("QUARANTINED");

        Cli.Result u = run(tmp.resolve("coordinator"), "provider", "unquarantine", provider);

        assertThat(u.out().strip()).isEqualTo(provider + " released");
        assertThat(coordinator.providers().list().providers().getFirst().quarantined()).isFalse();
    }

    @Test
    void anyoneElse_isRefused_withAClearError() {
        Cli.Result r = run(tmp.resolve("someone"), "provider", "quarantine", provider);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: 403 Forbidden").contains("operator");
        assertThat(coordinator.providers().list().providers().getFirst().quarantined()).isFalse();
    }

    @Test
    void runningAnAgent_stillNeedsTheCoordinatorFlag() {
        Cli.Result r = Cli.run(java.util.Map.of(), "provider", "--data-dir", tmp.resolve("agent").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--coordinator");
    }
}
