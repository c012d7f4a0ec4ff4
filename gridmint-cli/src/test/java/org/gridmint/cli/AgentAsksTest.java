package org.gridmint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gridmint.api.ProviderView;
import org.gridmint.coordinator.Coordinator;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.provider.agent.AgentConfig;
import org.gridmint.provider.agent.ProviderAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent registers its asks per class (--price for the rest) with a real coordinator; its GPU comes from a stand-in nvidia-smi. */
class AgentAsksTest {
    @TempDir Path tmp;
    Coordinator coordinator;

    @BeforeEach
    void start() {
        coordinator = new Coordinator(CoordinatorConfig.defaults(tmp.resolve("coordinator")).withPort(0), InstantSource.system()).start();
    }

    @AfterEach
    void stop() {
        coordinator.close();
    }

    /** An nvidia-smi that reports one Tesla T4: the hardware is the edge this test fakes. */
    private String fakeNvidiaSmi() throws Exception {
        Path script = tmp.resolve("nvidia-smi");
        Files.writeString(script, "#!/bin/sh\necho 'Tesla T4, 15360, GPU-1'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script.toString();
    }

    @Test
    void agent_registersItsAsks_overItsPrice() throws Exception {
        Map<String, BigDecimal> asks = new LinkedHashMap<>();
        asks.put("gpu:T4", new BigDecimal("0.30"));
        var config = AgentConfig.builder(URI.create(coordinator.url()), tmp.resolve("agent")).name("t4-rig").price(new BigDecimal("0.02"))
                .asks(asks).allowUnsandboxed(true).nvidiaSmi(fakeNvidiaSmi()).claimWait(Duration.ofSeconds(1)).build();

        try (ProviderAgent agent = new ProviderAgent(config)) {
            agent.start();
            String id = agent.registration().get(60, TimeUnit.SECONDS);

            ProviderView v = coordinator.providers().list().providers().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
            assertThat(v.asks()).containsExactly(Map.entry("cpu", new BigDecimal("0.02")), Map.entry("gpu:Tesla T4", new BigDecimal("0.3")));
            assertThat(v.price()).as("its main class is its GPU").isEqualByComparingTo("0.3");
        }
    }

    @Test
    void agentConfig_refusesAnAskThatIsNoPrice_namingTheFlagAndClass() {
        var b = AgentConfig.builder(URI.create(coordinator.url()), tmp.resolve("agent"));

        assertThatThrownBy(() -> b.asks(Map.of("cpu", new BigDecimal("-1"))).build()).hasMessageContaining("--ask cpu");
        assertThatThrownBy(() -> b.asks(Map.of("gpu:T4", new BigDecimal("0.0000001"))).build()).hasMessageContaining("--ask gpu:T4");
    }

    @Test
    void providerHelp_documentsTheAskFlag() {
        Cli.Result r = Cli.run(Map.of(), "provider", "--help");

        assertThat(r.out()).contains("--ask=CLASS=CREDITS").contains("--price=CREDITS").contains("ask").contains("per core-hour");
    }
}
