package org.gridmint.core.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.core.RandomCases.between;

import java.math.BigDecimal;
import org.gridmint.core.RandomCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokensTest {

    @ParameterizedTest(name = "{0} -> {1} µGRID")
    @CsvSource({"1, 1000000", "0.5, 500000", "0.000001, 1", "' 2 ', 2000000", "1e3, 1000000000", "1.500000000, 1500000", "0, 0", "-0, 0",
            "9223372036854.775807, 9223372036854775807"})
    void parse_readsDecimalGrid(String text, long micros) {
        assertThat(Tokens.parse(text)).isEqualTo(Tokens.ofMicros(micros));
    }

    @ParameterizedTest(name = "{0} µGRID -> {1}")
    @CsvSource({"0, 0", "1, 0.000001", "500000, 0.5", "1000000, 1", "1000000000, 1000", "9223372036854775807, 9223372036854.775807"})
    void toString_printsPlainDecimalWithoutTrailingZeros(long micros, String text) {
        assertThat(Tokens.ofMicros(micros)).hasToString(text);
    }

    @Test
    void parse_whenMoreThanSixDecimals_isRejected() {
        assertThatThrownBy(() -> Tokens.parse("0.0000001")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GRID has at most 6 decimals here: 0.0000001");
    }

    @Test
    void parse_whenNegative_isRejected() {
        assertThatThrownBy(() -> Tokens.parse("-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an amount of GRID is never negative, was -1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1,5", "0x10", "NaN", "Infinity"})
    void parse_whenNotANumber_namesTheText(String text) {
        assertThatThrownBy(() -> Tokens.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage("not a number of GRID: '" + text + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void parse_whenBlank_saysAnAmountIsRequired(String text) {
        assertThatThrownBy(() -> Tokens.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage("an amount of GRID is required");
        assertThatThrownBy(() -> Tokens.parse(null)).isInstanceOf(IllegalArgumentException.class).hasMessage("an amount of GRID is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854.775808", "1e13", "1e400", "1e2147483647", "123456789e2147483000"})
    void parse_whenBeyondALongOfMicros_isOutOfRange(String text) {
        // The huge exponents once escaped as ArithmeticException ("Overflow") from BigDecimal's scaling, not a clear error.
        assertThatThrownBy(() -> Tokens.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("amount of GRID out of range: ");
    }

    @Test
    void parse_whenTinyExponent_isRejectedWithAShortMessage() {
        // 1e-2147483647 once built a message of two billion digits (toPlainString) and ran out of memory.
        assertThatThrownBy(() -> Tokens.parse("1e-2147483647")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GRID has at most 6 decimals here: 1E-2147483647");
        assertThatThrownBy(() -> Tokens.parse("-1e-2147483647")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an amount of GRID is never negative, was -1E-2147483647");
    }

    @Test
    void parse_whenZeroWithAnyExponent_isZero() {
        assertThat(Tokens.parse("0e2147483647")).isEqualTo(Tokens.ZERO);
        assertThat(Tokens.parse("0e-2147483647")).isEqualTo(Tokens.ZERO);
    }

    @Test
    void constructor_refusesNegativeMicros() {
        assertThatThrownBy(() -> Tokens.ofMicros(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never negative, was -1 µGRID");
    }

    @Test
    void plusAndMinus_areExactAndNeverWrap() {
        assertThat(Tokens.ofMicros(2).plus(Tokens.ofMicros(3))).isEqualTo(Tokens.ofMicros(5));
        assertThat(Tokens.ofMicros(5).minus(Tokens.ofMicros(5))).isEqualTo(Tokens.ZERO);
        assertThatThrownBy(() -> Tokens.ofMicros(Long.MAX_VALUE).plus(Tokens.ofMicros(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Tokens.ofMicros(1).minus(Tokens.ofMicros(2))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void compareTo_ordersByAmount() {
        assertThat(Tokens.ofMicros(1)).isLessThan(Tokens.ofMicros(2)).isGreaterThan(Tokens.ZERO);
    }

    @Test
    void formatThenParse_isTheSameAmount() {
        RandomCases.forEach(1000, 0x475249440001L, r -> between(r, 0, Long.MAX_VALUE), micros -> {
            Tokens t = Tokens.ofMicros(micros);
            assertThat(Tokens.parse(t.toString())).isEqualTo(t);
            assertThat(Tokens.of(t.toBigDecimal())).isEqualTo(t);
            assertThat(Tokens.of(new BigDecimal(t.toString()).setScale(9))).isEqualTo(t);
        });
    }
}
