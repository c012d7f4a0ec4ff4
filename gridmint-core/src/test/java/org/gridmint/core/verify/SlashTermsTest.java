package org.gridmint.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.gridmint.core.RandomCases;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.Test;

class SlashTermsTest {

    @Test
    void default_takesHalfTheStake_splitHalfToTheClientAndHalfToTheTreasury() {
        var s = SlashTerms.DEFAULT.of(Credits.parse("25"));

        assertThat(s.toClient()).isEqualTo(Credits.parse("6.25"));
        assertThat(s.toTreasury()).isEqualTo(Credits.parse("6.25"));
        assertThat(s.total()).isEqualTo(Credits.parse("12.5"));
    }

    @Test
    void oddMicros_roundTheSlashDown_andTheTreasuryTakesTheClientsRemainder() {
        var s = new SlashTerms(0.5, 0.5).of(Credits.ofMicros(7));

        assertThat(s.total()).as("half of 7 µ, rounded down").isEqualTo(Credits.ofMicros(3));
        assertThat(s.toClient()).isEqualTo(Credits.ofMicros(1));
        assertThat(s.toTreasury()).isEqualTo(Credits.ofMicros(2));
    }

    @Test
    void sharesCountInBasisPoints() {
        assertThat(new SlashTerms(0.3333, 1).of(Credits.parse("100")).total()).isEqualTo(Credits.parse("33.33"));
        assertThat(new SlashTerms(0.33333333, 1).of(Credits.parse("100")).total()).as("finer shares round to a basis point")
                .isEqualTo(Credits.parse("33.33"));
    }

    @Test
    void nothingStaked_slashesNothing_andAWholeShareTakesAll() {
        assertThat(SlashTerms.DEFAULT.of(Credits.ZERO).total()).isEqualTo(Credits.ZERO);
        var all = new SlashTerms(1, 0).of(Credits.parse("10"));
        assertThat(all.toTreasury()).isEqualTo(Credits.parse("10"));
        assertThat(all.toClient()).isEqualTo(Credits.ZERO);
    }

    @Test
    void badTerms_orANegativeStake_areRefused() {
        assertThatThrownBy(() -> new SlashTerms(1.5, 0.5)).hasMessage("stakeShare must be between 0 and 1, was 1.5");
        assertThatThrownBy(() -> new SlashTerms(0.5, Double.NaN)).hasMessageContaining("clientShare");
        assertThatThrownBy(() -> SlashTerms.DEFAULT.of(Credits.ofMicros(-1))).hasMessageContaining(">= 0");
    }

    @Test
    void slash_isExactFloorOfTheShare_neverMoreThanTheStake_forAnyStake() {
        RandomCases.forEach(2_000, 0x534C4153L, r -> new long[] {RandomCases.between(r, 0, Long.MAX_VALUE), r.nextLong(0, 10_001), r.nextLong(0, 10_001)},
                c -> {
                    var terms = new SlashTerms(c[1] / 10_000.0, c[2] / 10_000.0);
                    var s = terms.of(Credits.ofMicros(c[0]));
                    long expected = BigInteger.valueOf(c[0]).multiply(BigInteger.valueOf(c[1])).divide(BigInteger.valueOf(10_000)).longValueExact();

                    assertThat(s.total().micros()).isEqualTo(expected).isLessThanOrEqualTo(c[0]);
                    assertThat(s.toClient().micros()).isEqualTo(BigInteger.valueOf(expected).multiply(BigInteger.valueOf(c[2]))
                            .divide(BigInteger.valueOf(10_000)).longValueExact());
                    assertThat(s.toClient().plus(s.toTreasury())).isEqualTo(s.total());
                });
    }
}
