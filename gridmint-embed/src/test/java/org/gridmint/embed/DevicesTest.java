package org.gridmint.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DevicesTest {
    @Test
    void intraOpThreads_unsetOrBlank_keepsOnnxRuntimesDefault() {
        assertThat(Devices.intraOpThreads(null)).isZero();
        assertThat(Devices.intraOpThreads("  ")).isZero();
    }

    @Test
    void intraOpThreads_wholeNumberInRange_isTaken() {
        assertThat(Devices.intraOpThreads("1")).isEqualTo(1);
        assertThat(Devices.intraOpThreads(" 2 ")).isEqualTo(2);
        assertThat(Devices.intraOpThreads("256")).isEqualTo(256);
    }

    @Test
    void intraOpThreads_badValue_isRefusedNamingTheVariableAndValue() {
        for (String bad : new String[] {"0", "-1", "257", "two", "1.5"}) {
            assertThatThrownBy(() -> Devices.intraOpThreads(bad)).isInstanceOf(EmbedException.class)
                    .hasMessageContaining("GRIDMINT_EMBED_THREADS").hasMessageContaining("'" + bad + "'");
        }
    }
}
