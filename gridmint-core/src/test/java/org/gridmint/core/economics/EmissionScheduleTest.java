package org.gridmint.core.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.core.RandomCases.between;

import java.math.BigInteger;
import org.gridmint.core.RandomCases;
import org.junit.jupiter.api.Test;

class EmissionScheduleTest {
    private static final Tokens THOUSAND = Tokens.ofMicros(1000 * Tokens.MICROS_PER_TOKEN);

    @Test
    void emission_isInitialUntilTheFirstHalving_thenHalvesEachPeriod() {
        var s = new EmissionSchedule(THOUSAND, 10);

        assertThat(s.emission(0)).isEqualTo(THOUSAND);
        assertThat(s.emission(9)).isEqualTo(THOUSAND);
        assertThat(s.emission(10)).isEqualTo(Tokens.parse("500"));
        assertThat(s.emission(19)).isEqualTo(Tokens.parse("500"));
        assertThat(s.emission(20)).isEqualTo(Tokens.parse("250"));
        assertThat(s.emission(100)).isEqualTo(Tokens.ofMicros(1_000_000_000L >> 10));
    }

    @Test
    void emission_roundsEachHalvingDown() {
        var s = new EmissionSchedule(Tokens.ofMicros(3), 1);

        assertThat(s.emission(1)).isEqualTo(Tokens.ofMicros(1));
        assertThat(s.emission(2)).isEqualTo(Tokens.ZERO);
    }

    @Test
    void emission_isZeroOnceHalvedAway_evenWhereAJavaShiftWouldWrap() {
        var s = new EmissionSchedule(Tokens.ofMicros(1L << 61), 1);

        assertThat(s.emission(61)).isEqualTo(Tokens.ofMicros(1));
        assertThat(s.emission(62)).isEqualTo(Tokens.ZERO);
        assertThat(s.emission(63)).isEqualTo(Tokens.ZERO);
        assertThat(s.emission(64)).isEqualTo(Tokens.ZERO); // x >> 64 is x >> 0 in Java
        assertThat(s.emission(128)).isEqualTo(Tokens.ZERO);
        assertThat(s.emission(Long.MAX_VALUE)).isEqualTo(Tokens.ZERO);
    }

    @Test
    void default_is1000GridAnEpochHalvingYearlyInHourEpochs() {
        assertThat(EmissionSchedule.DEFAULT.emission(0)).isEqualTo(THOUSAND);
        assertThat(EmissionSchedule.DEFAULT.emission(8759)).isEqualTo(THOUSAND);
        assertThat(EmissionSchedule.DEFAULT.emission(8760)).isEqualTo(Tokens.parse("500"));
        assertThat(EmissionSchedule.DEFAULT.cumulative(8759)).isEqualTo(Tokens.ofMicros(8760L * 1_000_000_000L));
    }

    @Test
    void negativeEpochs_areRefused() {
        var s = new EmissionSchedule(THOUSAND, 10);

        assertThatThrownBy(() -> s.emission(-1)).isInstanceOf(IllegalArgumentException.class).hasMessage("epochs count from 0, was -1");
        assertThatThrownBy(() -> s.cumulative(-1)).isInstanceOf(IllegalArgumentException.class).hasMessage("epochs count from 0, was -1");
    }

    @Test
    void constructor_namesTheFlagOfABadParameter() {
        assertThatThrownBy(() -> new EmissionSchedule(null, 10)).hasMessage("--emission-initial is required");
        assertThatThrownBy(() -> new EmissionSchedule(THOUSAND, 0)).hasMessage("--emission-halving must be at least 1 epoch, was 0");
    }

    @Test
    void constructor_refusesAScheduleWhoseTotalSupplyExceedsALongOfMicros() {
        // Without the check, cumulative() of a late epoch could not be represented (a BIGINT column would overflow too).
        assertThatThrownBy(() -> new EmissionSchedule(Tokens.ofMicros(Long.MAX_VALUE), 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--emission-initial").hasMessageContaining("--emission-halving");
        assertThatThrownBy(() -> new EmissionSchedule(Tokens.ofMicros(2), Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
        // The largest schedules that fit are allowed.
        assertThat(new EmissionSchedule(Tokens.ofMicros(1), Long.MAX_VALUE).cumulative(Long.MAX_VALUE)).isEqualTo(Tokens.ofMicros(Long.MAX_VALUE));
        assertThat(new EmissionSchedule(Tokens.ofMicros(1L << 62), 1).cumulative(Long.MAX_VALUE)).isEqualTo(Tokens.ofMicros(Long.MAX_VALUE));
    }

    @Test
    void cumulative_ofTheLastEpoch_isTheTotalSupply() {
        // epoch + 1 once wrapped to Long.MIN_VALUE here and the sum came out negative.
        assertThat(new EmissionSchedule(Tokens.ofMicros(1), 1).cumulative(Long.MAX_VALUE)).isEqualTo(Tokens.ofMicros(1));
        assertThat(new EmissionSchedule(Tokens.ofMicros(1L << 61), 1).cumulative(Long.MAX_VALUE)).isEqualTo(Tokens.ofMicros((1L << 62) - 1));
        assertThat(new EmissionSchedule(Tokens.ofMicros(12_345_678), 1_000_003).cumulative(Long.MAX_VALUE))
                .isEqualTo(Tokens.ofMicros(totalSupply(12_345_678, 1_000_003).longValueExact()));
        var yearly = EmissionSchedule.DEFAULT;
        assertThat(yearly.cumulative(Long.MAX_VALUE)).isEqualTo(yearly.cumulative(63L * 8760));
    }

    @Test
    void cumulative_isTheSumOfEveryEpochsEmission() {
        RandomCases.forEach(200, 0x454D495353L, r -> new long[] {between(r, 0, 1_000_000_000_000L), between(r, 1, 40), between(r, 0, 3000)}, c -> {
            var s = new EmissionSchedule(Tokens.ofMicros(c[0]), c[1]);
            long sum = 0;
            for (long e = 0; e <= c[2]; e++) {
                sum += s.emission(e).micros();
                assertThat(s.cumulative(e).micros()).as("cumulative(%d)", e).isEqualTo(sum);
            }
        });
    }

    @Test
    void cumulative_matchesTheClosedFormForAnyEpoch() {
        RandomCases.forEach(2000, 0x43554D554CL, r -> new long[] {between(r, 0, 1L << 40), between(r, 1, 1L << 21), between(r, 0, Long.MAX_VALUE)}, c -> {
            var s = new EmissionSchedule(Tokens.ofMicros(c[0]), c[1]);
            assertThat(BigInteger.valueOf(s.cumulative(c[2]).micros())).isEqualTo(closedForm(c[0], c[1], c[2]));
        });
    }

    /** Σ over halvings h of (initial >> h) × the number of epochs 0..epoch at that rate, in BigInteger: no overflow to hide. */
    private static BigInteger closedForm(long initial, long halvingEpochs, long epoch) {
        BigInteger total = BigInteger.ZERO;
        BigInteger epochs = BigInteger.valueOf(epoch).add(BigInteger.ONE);
        BigInteger h = BigInteger.valueOf(halvingEpochs);
        for (int k = 0; k < 63; k++) {
            BigInteger from = h.multiply(BigInteger.valueOf(k));
            if (from.compareTo(epochs) >= 0) break;
            BigInteger count = epochs.subtract(from).min(h);
            total = total.add(BigInteger.valueOf(initial >> k).multiply(count));
        }
        return total;
    }

    private static BigInteger totalSupply(long initial, long halvingEpochs) {
        return closedForm(initial, halvingEpochs, Long.MAX_VALUE);
    }
}
