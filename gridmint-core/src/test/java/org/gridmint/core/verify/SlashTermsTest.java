package org.gridmint.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlashTermsTest {

    @Test
    void halfOfHalf_splitsTheSlashEvenly() {
        var s = new SlashTerms(0.5, 0.5).of(Credits.parse("25"));

        assertThat(s.toClient()).isEqualTo(Credits.parse("6.25"));
        assertThat(s.toTreasury()).isEqualTo(Credits.parse("6.25"));
        assertThat(s.total()).isEqualTo(Credits.parse("12.5"));
    }

    @Test
    void roundingRemainder_goesToTheTreasury_andNeverExceedsTheStake() {
        var s = new SlashTerms(1.0 / 3, 0.5).of(Credits.ofMicros(7));

        assertThat(s.total().micros()).isEqualTo(2);
        assertThat(s.toClient().micros()).isEqualTo(1);
        assertThat(s.toTreasury().micros()).isEqualTo(1);
        assertThat(new SlashTerms(1, 1).of(Credits.ofMicros(Long.MAX_VALUE)).total()).isEqualTo(Credits.ofMicros(Long.MAX_VALUE));
    }

    @Test
    void nothingStaked_slashesNothing() {
        assertThat(new SlashTerms(0.5, 0.5).of(Credits.ZERO).total()).isEqualTo(Credits.ZERO);
    }

    @ParameterizedTest
    @CsvSource({"0, 0.5", "1.5, 0.5", "NaN, 0.5", "0.5, -0.1", "0.5, 1.1", "0.5, NaN"})
    void sharesOutOfRange_areRefused(double stakeShare, double clientShare) {
        assertThatThrownBy(() -> new SlashTerms(stakeShare, clientShare)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share");
    }
}
