package org.gridmint.core.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.core.RandomCases.between;

import java.time.Duration;
import java.time.Instant;
import org.gridmint.core.RandomCases;
import org.junit.jupiter.api.Test;

class EpochsTest {
    private static final Instant GENESIS = Instant.parse("2026-01-01T00:00:00Z");
    private final Epochs hourly = new Epochs(GENESIS, Duration.ofHours(1));

    @Test
    void epochAt_startsAtGenesis_andEachEpochIncludesItsStartNotItsEnd() {
        assertThat(hourly.epochAt(GENESIS)).isZero();
        assertThat(hourly.epochAt(GENESIS.plusMillis(3_599_999))).isZero();
        assertThat(hourly.epochAt(GENESIS.plus(Duration.ofHours(1)))).isEqualTo(1);
        assertThat(hourly.epochAt(GENESIS.plus(Duration.ofHours(25)).plusSeconds(1))).isEqualTo(25);
    }

    @Test
    void epochAt_beforeGenesis_isMinusOne() {
        assertThat(hourly.epochAt(GENESIS.minusNanos(1))).isEqualTo(-1);
        assertThat(hourly.epochAt(GENESIS.minus(Duration.ofDays(400)))).isEqualTo(-1);
    }

    @Test
    void startAndEnd_boundTheEpoch() {
        assertThat(hourly.start(0)).isEqualTo(GENESIS);
        assertThat(hourly.end(0)).isEqualTo(GENESIS.plus(Duration.ofHours(1)));
        assertThat(hourly.start(3)).isEqualTo(GENESIS.plus(Duration.ofHours(3)));
        assertThat(hourly.end(3)).isEqualTo(hourly.start(4));
        assertThatThrownBy(() -> hourly.start(-1)).isInstanceOf(IllegalArgumentException.class).hasMessage("epochs count from 0, was -1");
    }

    @Test
    void lastClosed_isTheNewestEpochWhoseEndHasPassed() {
        assertThat(hourly.lastClosed(GENESIS.minusSeconds(1))).isEqualTo(-1);
        assertThat(hourly.lastClosed(GENESIS)).isEqualTo(-1);
        assertThat(hourly.lastClosed(hourly.end(0).minusMillis(1))).isEqualTo(-1);
        assertThat(hourly.lastClosed(hourly.end(0))).isZero();
        assertThat(hourly.lastClosed(hourly.end(7).plusSeconds(5))).isEqualTo(7);
    }

    @Test
    void everyInstant_liesWithinTheBoundsOfItsEpoch() {
        RandomCases.forEach(1000, 0x45504F4348L, r -> new long[] {between(r, 1, 31L * 86_400), between(r, 0, 200L * 365 * 86_400_000)}, c -> {
            var epochs = new Epochs(GENESIS, Duration.ofSeconds(c[0]));
            Instant at = GENESIS.plusMillis(c[1]);
            long n = epochs.epochAt(at);
            assertThat(epochs.start(n)).isBeforeOrEqualTo(at);
            assertThat(epochs.end(n)).isAfter(at);
            assertThat(epochs.lastClosed(at)).isEqualTo(n - 1);
            assertThat(epochs.lastClosed(epochs.end(n))).isEqualTo(n);
        });
    }

    @Test
    void constructor_refusesAMissingGenesisOrALengthOutOfRange() {
        assertThatThrownBy(() -> new Epochs(null, Duration.ofHours(1))).hasMessage("the network's genesis instant is required");
        assertThatThrownBy(() -> new Epochs(GENESIS, Duration.ofMillis(999))).hasMessage("--epoch must be between 1s and 31d, was PT0.999S");
        assertThatThrownBy(() -> new Epochs(GENESIS, Duration.ofDays(32))).hasMessage("--epoch must be between 1s and 31d, was PT768H");
        assertThatThrownBy(() -> new Epochs(GENESIS, null)).hasMessage("--epoch must be between 1s and 31d, was null");
    }
}
