package org.gridmint.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({"500ms, 500", "90s, 90000", "30m, 1800000", "2h, 7200000", "1d, 86400000", "' 5s ', 5000", "PT1.5S, 1500", "P1DT1H, 90000000"})
    void parse_readsSimpleAndIsoForms(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "5", "5 s", "-5s", "5S", "1w", "1234567890s"})
    void parse_whenNotADuration_saysSoAndQuotesTheText(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a duration: '" + text + "' (use e.g. 90s, 30m, 2h or PT30M)");
    }

    @Test
    void parse_whenBlank_saysADurationIsRequired() {
        assertThatThrownBy(() -> Durations.parse(" ")).hasMessage("a duration is required");
        assertThatThrownBy(() -> Durations.parse(null)).hasMessage("a duration is required");
    }

    @ParameterizedTest(name = "{0} ms -> {1}")
    @CsvSource({"0, 0s", "1, 1ms", "1500, 1500ms", "2000, 2s", "90000, 90s", "120000, 2m", "5400000, 90m", "7200000, 2h", "86400000, 1d",
            "90000000, 25h"})
    void format_usesTheShortestExactSimpleForm(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    }

    @Test
    void format_whenNoSimpleFormParsesBack_usesIso8601() {
        assertThat(Durations.format(Duration.ofSeconds(-1))).isEqualTo("PT-1S");
        assertThat(Durations.format(Duration.ofNanos(1_500_000))).isEqualTo("PT0.0015S");
        assertThat(Durations.format(Duration.ofMillis(1_000_000_001))).isEqualTo("PT277H46M40.001S");
    }
}
