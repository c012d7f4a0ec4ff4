package org.gridmint.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void oneMicroIsTenToTheTwelveBaseUnitsBothWays() {
        assertThat(Units.toBaseUnits(1)).isEqualTo(BigInteger.TEN.pow(12));
        assertThat(Units.toBaseUnits(1_500_000)).isEqualTo(new BigInteger("1500000000000000000"));
        assertThat(Units.toMicros(new BigInteger("1500000000000000000"))).isEqualTo(1_500_000);
        assertThat(Units.toMicros(Units.toBaseUnits(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(Units.toMicros(BigInteger.ZERO)).isZero();
    }

    @Test
    void inexactNegativeOrOversizedAmountsAreRefused() {
        assertThatThrownBy(() -> Units.toMicros(BigInteger.TEN.pow(12).add(BigInteger.ONE))).hasMessageContaining("not a whole number of micro-units");
        assertThatThrownBy(() -> Units.toMicros(BigInteger.ONE.negate())).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> Units.toMicros(Units.toBaseUnits(Long.MAX_VALUE).add(Units.BASE_PER_MICRO))).hasMessageContaining("exceeds a long");
        assertThatThrownBy(() -> Units.toBaseUnits(-1)).hasMessageContaining(">= 0");
    }
}
