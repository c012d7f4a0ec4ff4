package org.gridmint.core.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CreditsTest {

    @ParameterizedTest(name = "{0} -> {1} µ")
    @CsvSource({"1, 1000000", "0.25, 250000", "0.000001, 1", "' 2 ', 2000000", "-0.5, -500000", "1e3, 1000000000", "1.500000000, 1500000",
            "9223372036854.775807, 9223372036854775807"})
    void parse_readsDecimalCredits(String text, long micros) {
        assertThat(Credits.parse(text)).isEqualTo(Credits.ofMicros(micros));
    }

    @ParameterizedTest(name = "{0} µ -> {1}")
    @CsvSource({"0, 0", "1, 0.000001", "250000, 0.25", "1000000, 1", "10000000, 10", "-1500000, -1.5"})
    void toString_printsPlainDecimalWithoutTrailingZeros(long micros, String text) {
        assertThat(Credits.ofMicros(micros)).hasToString(text);
    }

    @Test
    void parse_whenMoreThanSixDecimals_isRejected() {
        assertThatThrownBy(() -> Credits.parse("0.0000001"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("credits have at most 6 decimals: 0.0000001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1,5", "0x10"})
    void parse_whenNotANumber_namesTheText(String text) {
        assertThatThrownBy(() -> Credits.parse(text)).hasMessage("not a number of credits: '" + text + "'");
    }

    @Test
    void parse_whenBlank_saysAnAmountIsRequired() {
        assertThatThrownBy(() -> Credits.parse("")).hasMessage("an amount of credits is required");
        assertThatThrownBy(() -> Credits.parse(null)).hasMessage("an amount of credits is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854.775808", "-9223372036854.775809", "1e30", "1e2147483647", "-5e2147483000"})
    void parse_whenBeyondLongMicros_isRejectedAsOutOfRange(String text) {
        assertThatThrownBy(() -> Credits.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("amount out of range: ");
    }

    @Test
    void parse_whenTinyExponent_isRejectedWithAShortMessage() {
        // Once: 1e-2147483647 built a message of two billion digits and ran out of memory; 1e2147483647 escaped as ArithmeticException.
        assertThatThrownBy(() -> Credits.parse("1e-2147483647")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("credits have at most 6 decimals: 1E-2147483647");
        assertThat(Credits.parse("0e2147483647")).isEqualTo(Credits.ZERO);
    }

    @Test
    void plusAndMinus_whenOverflowing_areRejected() {
        var max = Credits.ofMicros(Long.MAX_VALUE);
        var min = Credits.ofMicros(Long.MIN_VALUE);

        assertThatThrownBy(() -> max.plus(Credits.ofMicros(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> min.minus(Credits.ofMicros(1))).isInstanceOf(ArithmeticException.class);
        assertThat(Credits.parse("1.5").plus(Credits.parse("0.25"))).isEqualTo(Credits.parse("1.75"));
        assertThat(Credits.parse("1").minus(Credits.parse("1.5"))).isEqualTo(Credits.parse("-0.5")).matches(Credits::isNegative);
    }

    @Test
    void forDurationMillis_chargesPricePerHourProRata() {
        var perHour = Credits.parse("3.6");

        assertThat(perHour.forDurationMillis(3_600_000)).isEqualTo(perHour);
        assertThat(perHour.forDurationMillis(1_000)).isEqualTo(Credits.ofMicros(1_000));
        assertThat(perHour.forDurationMillis(0)).isEqualTo(Credits.ZERO);
    }

    @Test
    void forDurationMillis_roundsUpToTheNextMicroCredit() {
        assertThat(Credits.parse("1").forDurationMillis(1)).isEqualTo(Credits.ofMicros(1));
        assertThat(Credits.parse("1").forDurationMillis(3_601)).isEqualTo(Credits.ofMicros(1_001));
        assertThat(Credits.ofMicros(1).forDurationMillis(3_600_001)).isEqualTo(Credits.ofMicros(2));
    }

    @Test
    void forDurationMillis_whenNegativeDuration_isRejected() {
        assertThatThrownBy(() -> Credits.parse("1").forDurationMillis(-1)).hasMessage("duration must be >= 0, was -1");
    }

    @Test
    void forDurationMillis_whenCostOverflows_isRejected() {
        assertThatThrownBy(() -> Credits.ofMicros(Long.MAX_VALUE).forDurationMillis(7_200_000)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void of_bigDecimal_acceptsTrailingZerosBeyondSixDecimals() {
        assertThat(Credits.of(new BigDecimal("0.1230000000"))).isEqualTo(Credits.ofMicros(123_000));
    }
}
