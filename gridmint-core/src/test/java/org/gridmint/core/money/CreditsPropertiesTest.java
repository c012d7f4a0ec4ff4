package org.gridmint.core.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.core.RandomCases.between;

import java.math.BigInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.gridmint.core.RandomCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CreditsPropertiesTest {
    private static final int CASES = 1000;
    private static final long MAX_PRICE_PER_HOUR_MICROS = 10_000L * 1_000_000;
    private static final long MAX_MILLIS = 30L * 24 * 3_600_000;

    @Test
    void formatThenParse_isTheSameAmount() {
        RandomCases.forEach(CASES, 0x6C7265646974L, r -> between(r, Long.MIN_VALUE, Long.MAX_VALUE),
                micros -> formatThenParse_isTheSameAmount(micros));
    }

    @ParameterizedTest
    @MethodSource("edgeMicros")
    void formatThenParse_isTheSameAmount(long micros) {
        var c = Credits.ofMicros(micros);

        assertThat(Credits.parse(c.toString())).isEqualTo(c);
        assertThat(Credits.of(c.toBigDecimal())).isEqualTo(c);
    }

    static LongStream edgeMicros() {
        return LongStream.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -1_000_001, -1_000_000, -999_999, -1, 0,
                1, 999_999, 1_000_000, 1_000_001, Long.MAX_VALUE - 1, Long.MAX_VALUE);
    }

    record Cost(long pricePerHourMicros, long millis) {}

    @Test
    void forDurationMillis_isTheExactCostRoundedUpByLessThanOneMicro() {
        RandomCases.forEach(CASES, 0x636F7374L,
                r -> new Cost(between(r, 0, MAX_PRICE_PER_HOUR_MICROS), between(r, 0, MAX_MILLIS)),
                c -> forDurationMillis_isTheExactCostRoundedUpByLessThanOneMicro(c.pricePerHourMicros(), c.millis()));
    }

    @ParameterizedTest
    @MethodSource("edgeCosts")
    void forDurationMillis_isTheExactCostRoundedUpByLessThanOneMicro(long pricePerHourMicros, long millis) {
        long cost = Credits.ofMicros(pricePerHourMicros).forDurationMillis(millis).micros();

        // cost * 3.6e6 is the exact cost (price * millis) plus what rounding up added, which is under one micro.
        BigInteger exact = BigInteger.valueOf(pricePerHourMicros).multiply(BigInteger.valueOf(millis));
        BigInteger charged = BigInteger.valueOf(cost).multiply(BigInteger.valueOf(3_600_000));
        assertThat(charged).isGreaterThanOrEqualTo(exact);
        assertThat(charged.subtract(exact)).isLessThan(BigInteger.valueOf(3_600_000));
    }

    /** Every pairing of the edges of both ranges, and the millis around one hour. */
    static Stream<Arguments> edgeCosts() {
        long[] prices = {0, 1, 2, 999_999, 1_000_000, MAX_PRICE_PER_HOUR_MICROS - 1, MAX_PRICE_PER_HOUR_MICROS};
        long[] millis = {0, 1, 2, 3_599_999, 3_600_000, 3_600_001, MAX_MILLIS - 1, MAX_MILLIS};
        return LongStream.of(prices).boxed().flatMap(p -> LongStream.of(millis).mapToObj(m -> Arguments.of(p, m)));
    }
}
