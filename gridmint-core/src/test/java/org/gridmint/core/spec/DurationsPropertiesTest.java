package org.gridmint.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.core.RandomCases.between;

import java.time.Duration;
import org.gridmint.core.RandomCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsPropertiesTest {
    private static final int CASES = 1000;

    @ParameterizedTest
    @ValueSource(strings = {"ms", "s", "m", "h", "d"})
    void simpleForm_parsesToItsValue_andFormatsBackToTheSameDuration(String unit) {
        RandomCases.forEach(CASES, 0x73696D706C65L + unit.hashCode(), r -> (int) between(r, 0, 999_999_999), n -> {
            Duration d = Durations.parse(n + unit);

            Duration expected = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            assertThat(d).isEqualTo(expected);
            assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
        });
    }

    @Test
    void format_ofAnyTimeoutAJobMayHave_isASimpleFormThatParsesBack() {
        RandomCases.forEach(CASES, 0x74696D656F7574L, r -> Duration.ofMillis(between(r, 0, 7L * 24 * 3_600_000)), d -> {
            String text = Durations.format(d);

            assertThat(text).matches("\\d{1,9}(ms|s|m|h|d)");
            assertThat(Durations.parse(text)).isEqualTo(d);
        });
    }

    @Test
    void format_ofAnyDuration_parsesBackExactly() {
        RandomCases.forEach(CASES, 0x616E79L, r -> {
            long seconds = between(r, -1_000_000_000_000L, 1_000_000_000_000L);
            int nanos = (int) between(r, 0, 999_999_999);
            // One time in four whole milliseconds, so that the simple forms get their share.
            return Duration.ofSeconds(seconds, r.nextInt(4) == 0 ? nanos / 1_000_000 * 1_000_000 : nanos);
        }, d -> assertThat(Durations.parse(Durations.format(d))).isEqualTo(d));
    }
}
