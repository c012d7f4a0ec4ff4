package org.gridmint.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @ParameterizedTest
    @CsvSource({"850, 850ms", "4200, 4.2s", "42000, 42s", "185000, 3m05s", "7380000, 2h03m", "273600000, 3d04h"})
    void duration_isShortAndExactEnough(long millis, String text) {
        assertThat(Units.duration(Duration.ofMillis(millis))).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"512, 512 MiB", "1024, 1 GiB", "1536, 1.5 GiB", "65536, 64 GiB", "15360, 15 GiB"})
    void mebibytes_readsAsBinaryUnits(long mb, String text) {
        assertThat(Units.mebibytes(mb)).isEqualTo(text);
    }

    @Test
    void time_isUtcToTheSecond_andUnknownIsADash() {
        assertThat(Units.time(Instant.parse("2026-11-03T12:00:10.789Z"))).isEqualTo("2026-11-03 12:00:10");
        assertThat(Units.time(null)).isEqualTo("-");
        assertThat(Units.between(null, Instant.EPOCH)).isEqualTo("-");
    }
}
