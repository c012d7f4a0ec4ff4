package org.gridmint.provider.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.gridmint.embed.DevicePreference;
import org.junit.jupiter.api.Test;

class AgentConfigTest {
    private static final URI COORDINATOR = URI.create("http://127.0.0.1:8080");
    private static final Path DATA = Path.of("/tmp/gridmint-agent");

    @Test
    void builder_fillsTheDocumentedDefaults() {
        AgentConfig c = AgentConfig.builder(COORDINATOR, DATA).build();

        assertThat(c.price()).isEqualByComparingTo("0.25");
        assertThat(c.region()).isEqualTo("local");
        assertThat(c.slots()).isEqualTo(1);
        assertThat(c.allowUnsandboxed()).isFalse();
        assertThat(c.nvidiaSmi()).isEqualTo("nvidia-smi");
        assertThat(c.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.claimWait()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.name()).isNotBlank();
        assertThat(c.models()).containsExactly("all-minilm-l6-v2-q", "all-minilm-l6-v2");
        assertThat(c.device()).isEqualTo(DevicePreference.AUTO);
        assertThat(c.tokenPrice()).isEqualByComparingTo("0.02");
    }

    @Test
    void models_unknownName_isRefused_listingTheKnownOnes() {
        assertThatThrownBy(() -> AgentConfig.builder(COORDINATOR, DATA).models(List.of("all-minilm-l6-v2-q", "gpt-9")).build())
                .hasMessage("--models: unknown model 'gpt-9'; known models: all-minilm-l6-v2-q, all-minilm-l6-v2 (or none)");
        assertThatThrownBy(() -> AgentConfig.builder(COORDINATOR, DATA).models(List.of("all-minilm-l6-v2", "all-minilm-l6-v2")).build())
                .hasMessageContaining("--models").hasMessageContaining("listed twice");
    }

    @Test
    void models_none_isAValidChoice() {
        assertThat(AgentConfig.builder(COORDINATOR, DATA).models(List.of()).build().models()).isEmpty();
    }

    @Test
    void tokenPrice_mustBeZeroOrMore_withAtMostSixDecimals() {
        assertThat(AgentConfig.builder(COORDINATOR, DATA).tokenPrice(BigDecimal.ZERO).build().tokenPrice()).isZero();
        assertThatThrownBy(() -> AgentConfig.builder(COORDINATOR, DATA).tokenPrice(new BigDecimal("-0.01")).build())
                .hasMessageContaining("--token-price must be at least 0").hasMessageContaining("got -0.01");
        assertThatThrownBy(() -> AgentConfig.builder(COORDINATOR, DATA).tokenPrice(new BigDecimal("0.0000001")).build())
                .hasMessageContaining("--token-price");
        assertThatThrownBy(() -> AgentConfig.builder(COORDINATOR, DATA).tokenPrice(new BigDecimal("1000.01")).build())
                .hasMessageContaining("at most 1000 credits per 1M tokens");
        assertThatThrownBy(() -> AgentConfig.builder(COORDINATOR, DATA).tokenPrice(null).build()).hasMessageContaining("--token-price");
        assertThatThrownBy(() -> AgentConfig.builder(COORDINATOR, DATA).device(null).build()).hasMessageContaining("--device");
    }

    @Test
    void constructor_rejectsBadValues_namingTheFlag() {
        assertThatThrownBy(() -> AgentConfig.builder(COORDINATOR, DATA).slots(0).build()).hasMessageContaining("--slots").hasMessageContaining("got 0");
        assertThatThrownBy(() -> AgentConfig.builder(COORDINATOR, DATA).price(new BigDecimal("-1")).build()).hasMessageContaining("--price");
        assertThatThrownBy(() -> AgentConfig.builder(URI.create("ftp://x"), DATA).build()).hasMessageContaining("--coordinator");
        assertThatThrownBy(() -> AgentConfig.builder(null, DATA).build()).hasMessageContaining("--coordinator");
        assertThatThrownBy(() -> AgentConfig.builder(COORDINATOR, null).build()).hasMessageContaining("--data-dir");
        assertThatThrownBy(() -> AgentConfig.builder(COORDINATOR, DATA).name(" ").build()).hasMessageContaining("--name");
        assertThatThrownBy(() -> AgentConfig.builder(COORDINATOR, DATA).name("x".repeat(65)).build()).hasMessageContaining("--name");
        assertThatThrownBy(() -> AgentConfig.builder(COORDINATOR, DATA).region("").build()).hasMessageContaining("--region");
        assertThatThrownBy(() -> AgentConfig.builder(COORDINATOR, DATA).region("EU West").build()).hasMessageContaining("--region");
        assertThatThrownBy(() -> AgentConfig.builder(COORDINATOR, DATA).price(BigDecimal.ZERO).build()).hasMessageContaining("--price");
        assertThatThrownBy(() -> AgentConfig.builder(COORDINATOR, DATA).claimWait(Duration.ZERO).build()).hasMessageContaining("--claim-wait");
        assertThatThrownBy(() -> AgentConfig.builder(COORDINATOR, DATA).shutdownGrace(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("--shutdown-grace");
    }
}
