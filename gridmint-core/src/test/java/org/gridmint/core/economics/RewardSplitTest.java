package org.gridmint.core.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RewardSplitTest {
    private static final Tokens HUNDRED = Tokens.parse("100");

    @Test
    void split_takesTheTreasuryShareThenPaysProRataToWork() {
        var split = RewardSplit.split(HUNDRED, 1000, Map.of("acct-a", 3L, "acct-b", 1L));

        assertThat(split.treasury()).isEqualTo(Tokens.parse("10"));
        assertThat(split.rewards()).containsExactly(Map.entry("acct-a", Tokens.parse("67.5")), Map.entry("acct-b", Tokens.parse("22.5")));
        assertThat(split.minted()).isEqualTo(HUNDRED);
    }

    @Test
    void split_roundsTheTreasuryShareDown() {
        var split = RewardSplit.split(Tokens.ofMicros(19), 500, Map.of("acct-a", 1L)); // 5% of 19 µ is 0.95 µ

        assertThat(split.treasury()).isEqualTo(Tokens.ZERO);
        assertThat(split.rewards()).containsExactly(Map.entry("acct-a", Tokens.ofMicros(19)));
    }

    @Test
    void split_givesTheRemainderToTheLargestFractions() {
        // 10 µ over 3:3:1 is 4.29, 4.29, 1.43: the floors give 9, and the one left goes to the largest fraction, acct-c's.
        var split = RewardSplit.split(Tokens.ofMicros(10), 0, Map.of("acct-b", 3L, "acct-a", 3L, "acct-c", 1L));

        assertThat(split.rewards()).containsExactly(Map.entry("acct-a", Tokens.ofMicros(4)), Map.entry("acct-b", Tokens.ofMicros(4)),
                Map.entry("acct-c", Tokens.ofMicros(2)));
    }

    @Test
    void split_breaksTiesByIdWhateverTheMapsOrder() {
        var ordered = new LinkedHashMap<String, Long>();
        ordered.put("acct-z", 1L);
        ordered.put("acct-m", 1L);
        ordered.put("acct-a", 1L);
        var reversed = new LinkedHashMap<String, Long>();
        reversed.put("acct-a", 1L);
        reversed.put("acct-m", 1L);
        reversed.put("acct-z", 1L);

        var one = RewardSplit.split(Tokens.ofMicros(2), 0, ordered);
        var other = RewardSplit.split(Tokens.ofMicros(2), 0, reversed);

        assertThat(one).isEqualTo(other);
        assertThat(one.rewards()).containsExactly(Map.entry("acct-a", Tokens.ofMicros(1)), Map.entry("acct-m", Tokens.ofMicros(1)));
    }

    @Test
    void split_withoutWork_mintsNothing() {
        var split = RewardSplit.split(HUNDRED, 1000, Map.of());

        assertThat(split.minted()).isEqualTo(Tokens.ZERO);
        assertThat(split.treasury()).isEqualTo(Tokens.ZERO);
        assertThat(split.rewards()).isEmpty();
    }

    @Test
    void split_ofAZeroEmission_mintsNothing() {
        var split = RewardSplit.split(Tokens.ZERO, 1000, Map.of("acct-a", 5L));

        assertThat(split.minted()).isEqualTo(Tokens.ZERO);
        assertThat(split.rewards()).isEmpty();
    }

    @Test
    void split_withTheWholeShareToTheTreasury_paysNoBeneficiary() {
        var split = RewardSplit.split(HUNDRED, 10_000, Map.of("acct-a", 5L));

        assertThat(split.treasury()).isEqualTo(HUNDRED);
        assertThat(split.rewards()).isEmpty();
        assertThat(split.minted()).isEqualTo(HUNDRED);
    }

    @Test
    void split_leavesOutBeneficiariesWhosePartRoundsToZero() {
        var split = RewardSplit.split(Tokens.ofMicros(1), 0, Map.of("acct-a", 1_000_000L, "acct-b", 1L));

        assertThat(split.rewards()).containsExactly(Map.entry("acct-a", Tokens.ofMicros(1)));
    }

    @Test
    void split_refusesAShareOutOfRangeAndNonPositiveWork() {
        assertThatThrownBy(() -> RewardSplit.split(HUNDRED, -1, Map.of("acct-a", 1L))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the treasury's share must be between 0% and 100%, was -0.01%");
        assertThatThrownBy(() -> RewardSplit.split(HUNDRED, 10_001, Map.of("acct-a", 1L))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RewardSplit.split(HUNDRED, 0, Map.of("acct-a", 0L))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("work must be positive, was 0 for acct-a");
        var withNull = new HashMap<String, Long>();
        withNull.put("acct-a", null);
        assertThatThrownBy(() -> RewardSplit.split(HUNDRED, 0, withNull)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("work must be positive, was null for acct-a");
    }

    @Test
    void split_refusesWorkWhoseTotalOverflows() {
        assertThatThrownBy(() -> RewardSplit.split(HUNDRED, 0, Map.of("acct-a", Long.MAX_VALUE, "acct-b", 1L))).isInstanceOf(ArithmeticException.class);
    }
}
