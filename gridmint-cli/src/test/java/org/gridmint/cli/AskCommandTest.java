package org.gridmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.gridmint.api.GpuInfo;
import org.gridmint.api.ProviderView;
import org.gridmint.api.RegisterProviderRequest;
import org.gridmint.api.auth.Identity;
import org.gridmint.coordinator.Coordinator;
import org.gridmint.coordinator.CoordinatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gridmint provider ask} against a real coordinator: the provider's owner changes its asks; nobody else can. */
class AskCommandTest {
    @TempDir Path tmp;
    Coordinator coordinator;
    Path agentDir;
    String provider;

    @BeforeEach
    void start() throws Exception {
        coordinator = new Coordinator(CoordinatorConfig.defaults(tmp.resolve("coordinator")).withPort(0), InstantSource.system()).start();
        agentDir = tmp.resolve("agent");
        Identity owner = Identity.loadOrCreate(agentDir);
        provider = coordinator.providers().register(owner.account(), new RegisterProviderRequest(null, "rig", 8, 16_384,
                List.of(new GpuInfo("Tesla T4", 15_360, "GPU-1")), "local", new BigDecimal("0.25"), 1, true, "test")).id();
        // Where the agent keeps the id it was given, as `provider ask` finds it without --provider.
        Files.writeString(agentDir.resolve("provider-id"), provider);
    }

    @AfterEach
    void stop() {
        coordinator.close();
    }

    private Cli.Result run(Path dataDir, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("provider", "ask"));
        all.addAll(List.of(args));
        all.addAll(List.of("--coordinator", coordinator.url(), "--data-dir", dataDir.toString()));
        return Cli.run(Map.of(), all.toArray(String[]::new));
    }

    private ProviderView stored() {
        return coordinator.providers().list().providers().getFirst();
    }

    @Test
    void ask_changesTheNamedClasses_forTheProviderInTheDataDir() {
        Cli.Result r = run(agentDir, "cpu=0.02", "gpu:T4=0.30");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo(provider + " asks cpu=0.02 gpu:Tesla T4=0.3 (credits per core-hour or GPU-hour)");
        assertThat(stored().asks()).containsExactly(Map.entry("cpu", new BigDecimal("0.02")), Map.entry("gpu:Tesla T4", new BigDecimal("0.3")));
        assertThat(Cli.run(Map.of(), "providers", "--coordinator", coordinator.url()).out()).contains("cpu=0.02 gpu:Tesla T4=0.3");
    }

    @Test
    void ask_withExplicitProvider_changesOnlyThatClass() {
        Cli.Result r = run(agentDir, "--provider", provider, "cpu=0.05");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(stored().asks()).containsExactly(Map.entry("cpu", new BigDecimal("0.05")), Map.entry("gpu:Tesla T4", new BigDecimal("0.25")));
    }

    @Test
    void ask_forAClassTheProviderLacks_failsNamingIt_andChangesNothing() {
        Cli.Result r = run(agentDir, "cpu=0.01", "gpu:A100=2");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("asks.gpu:A100").contains("no GPU model matching 'A100'");
        assertThat(stored().asks()).containsEntry("cpu", new BigDecimal("0.25"));
    }

    @Test
    void ask_malformed_isAUsageError() {
        Cli.Result noEquals = run(agentDir, "cpu");
        Cli.Result notANumber = run(agentDir, "cpu=cheap");

        assertThat(noEquals.exit()).isEqualTo(2);
        assertThat(noEquals.err()).contains("expected CLASS=CREDITS");
        assertThat(notANumber.exit()).isEqualTo(2);
        assertThat(notANumber.err()).contains("cpu: the ask must be a number");
        assertThat(stored().asks()).containsEntry("cpu", new BigDecimal("0.25"));
    }

    @Test
    void ask_byAnotherAccount_isRefused() {
        Cli.Result r = run(tmp.resolve("someone"), "--provider", provider, "cpu=0.01");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: 403 Forbidden");
        assertThat(stored().asks()).containsEntry("cpu", new BigDecimal("0.25"));
    }

    @Test
    void help_documentsEveryFlag() {
        Cli.Result r = Cli.run(Map.of(), "provider", "ask", "--help");

        assertThat(r.out()).contains("--provider").contains("--data-dir").contains("--coordinator").contains("CLASS=CREDITS");
    }
}
