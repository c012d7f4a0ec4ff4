package org.gridmint.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.core.RandomCases.between;

import java.math.BigInteger;
import org.gridmint.core.RandomCases;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FeeRateTest {

    @ParameterizedTest
    @CsvSource({"1, 100", "1%, 100", "0.25%, 25", "0, 0", "0%, 0", "50%, 5000", "' 2 % ', 200", "0.10%, 10", "1.50, 150"})
    void parsePercent_readsBasisPoints(String text, int basisPoints) {
        assertThat(FeeRate.parsePercent(text)).isEqualTo(new FeeRate(basisPoints));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1%", "-0.01", "51%", "50.01%", "100"})
    void parsePercent_outOfRange_isRejected(String text) {
        assertThatThrownBy(() -> FeeRate.parsePercent(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 0% and 50%").hasMessageContaining(text);
    }

    @Test
    void parsePercent_moreThanTwoDecimals_isRejected() {
        assertThatThrownBy(() -> FeeRate.parsePercent("0.123%")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two decimals").hasMessageContaining("0.123%");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "%", "1%%", "one percent", "1,5%"})
    void parsePercent_notANumber_isRejected(String text) {
        assertThatThrownBy(() -> FeeRate.parsePercent(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a percentage").hasMessageContaining(text);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" "})
    void parsePercent_missing_isRejected(String text) {
        assertThatThrownBy(() -> FeeRate.parsePercent(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("required");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 5001, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void constructor_outsideZeroToFiftyPercent_isRejected(int basisPoints) {
        assertThatThrownBy(() -> new FeeRate(basisPoints)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void default_isOnePercent() {
        assertThat(FeeRate.DEFAULT).isEqualTo(FeeRate.parsePercent("1%"));
    }

    @ParameterizedTest
    @CsvSource({"100, 1%", "25, 0.25%", "0, 0%", "5000, 50%", "10, 0.1%"})
    void toString_isThePercentParsedBack(int basisPoints, String text) {
        assertThat(new FeeRate(basisPoints)).hasToString(text);
        assertThat(FeeRate.parsePercent(text)).isEqualTo(new FeeRate(basisPoints));
    }

    @Test
    void on_roundsDown() {
        assertThat(new FeeRate(100).on(Credits.ofMicros(199))).isEqualTo(Credits.ofMicros(1));
        assertThat(new FeeRate(100).on(Credits.ofMicros(99))).isEqualTo(Credits.ZERO);
        assertThat(new FeeRate(25).on(Credits.parse("1"))).isEqualTo(Credits.parse("0.0025"));
    }

    @Test
    void on_zeroRateOrZeroGross_isZero() {
        assertThat(new FeeRate(0).on(Credits.parse("1000"))).isEqualTo(Credits.ZERO);
        assertThat(new FeeRate(5000).on(Credits.ZERO)).isEqualTo(Credits.ZERO);
    }

    @Test
    void on_hugeGross_doesNotOverflow() {
        assertThat(new FeeRate(5000).on(Credits.ofMicros(Long.MAX_VALUE))).isEqualTo(Credits.ofMicros(Long.MAX_VALUE / 2));
        assertThat(new FeeRate(100).on(Credits.ofMicros(Long.MAX_VALUE / 10_000 + 1)))
                .isEqualTo(Credits.ofMicros((Long.MAX_VALUE / 10_000 + 1) / 100));
    }

    record Case(int basisPoints, long grossMicros) {}

    @Test
    void on_isTheExactFeeRoundedDown_andLeavesNetPlusFeeEqualToGross() {
        RandomCases.forEach(1000, 0x666565L, r -> new Case((int) between(r, 0, 5000), between(r, 0, Long.MAX_VALUE)), c -> {
            long fee = new FeeRate(c.basisPoints()).on(Credits.ofMicros(c.grossMicros())).micros();
            BigInteger exact = BigInteger.valueOf(c.grossMicros()).multiply(BigInteger.valueOf(c.basisPoints()));
            BigInteger charged = BigInteger.valueOf(fee).multiply(BigInteger.valueOf(10_000));

            assertThat(charged).isLessThanOrEqualTo(exact);
            assertThat(exact.subtract(charged)).isLessThan(BigInteger.valueOf(10_000));
            long net = Credits.ofMicros(c.grossMicros()).minus(Credits.ofMicros(fee)).micros();
            assertThat(net).isGreaterThanOrEqualTo(fee).isNotNegative();
            assertThat(Credits.ofMicros(net).plus(Credits.ofMicros(fee))).isEqualTo(Credits.ofMicros(c.grossMicros()));
        });
    }
}
