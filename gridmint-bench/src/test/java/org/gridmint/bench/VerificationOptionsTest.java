package org.gridmint.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VerificationOptionsTest {

    @Test
    void defaults_areTenProvidersTwentyPercentCheating_andWarmUpEightTasksPerHonestAgent() {
        VerificationOptions o = VerificationOptions.parse();
        assertThat(o.providers()).isEqualTo(10);
        assertThat(o.cheaters()).isEqualTo(2);
        assertThat(o.honest()).isEqualTo(8);
        assertThat(o.warmupTasks()).isEqualTo(64);
        assertThat(o.slashQuarantine()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void cheaters_roundHalfUp_andTheExactShareIsKeptToStateTheRounding() {
        VerificationOptions o = VerificationOptions.parse("--providers", "10", "--cheaters-pct", "5");
        assertThat(o.exactCheaters()).isEqualTo(0.5);
        assertThat(o.cheaters()).isEqualTo(1);
        assertThat(VerificationOptions.parse("--providers", "20", "--cheaters-pct", "5").cheaters()).isEqualTo(1);
        assertThat(VerificationOptions.parse("--providers", "20", "--cheaters-pct", "0").cheaters()).isZero();
    }

    @Test
    void flags_areParsed() {
        VerificationOptions o = VerificationOptions.parse("--providers", "20", "--cheaters-pct", "20", "--tasks", "50", "--warmup-tasks", "0",
                "--seed", "7", "--slash-quarantine", "500ms", "--heartbeat", "1s", "--json");
        assertThat(o.cheaters()).isEqualTo(4);
        assertThat(o.tasks()).isEqualTo(50);
        assertThat(o.warmupTasks()).isZero();
        assertThat(o.seed()).isEqualTo(7);
        assertThat(o.slashQuarantine()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.heartbeat()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.json()).isTrue();
    }

    @Test
    void badFlags_areRefusedNamingTheFlag() {
        assertThatThrownBy(() -> VerificationOptions.parse("--cheaters-pct", "101")).hasMessageContaining("--cheaters-pct");
        assertThatThrownBy(() -> VerificationOptions.parse("--providers", "3", "--cheaters-pct", "50"))
                .hasMessageContaining("leaves fewer than 2 honest providers");
        assertThatThrownBy(() -> VerificationOptions.parse("--providers", "1")).hasMessageContaining("--providers must be between 2 and 200");
        assertThatThrownBy(() -> VerificationOptions.parse("--tasks", "x")).hasMessageContaining("--tasks must be an integer");
        assertThatThrownBy(() -> VerificationOptions.parse("--slash-quarantine", "soon")).hasMessageContaining("--slash-quarantine");
        assertThatThrownBy(() -> VerificationOptions.parse("--bogus")).hasMessageContaining("unknown option '--bogus'");
    }
}
