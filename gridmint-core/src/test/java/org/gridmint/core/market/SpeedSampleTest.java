package org.gridmint.core.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpeedSampleTest {
    @Test
    void speedSample_isRuntimeOverThePeersMedian() {
        assertThat(ProviderEvidence.speedSample(180_000, 60_000)).isCloseTo(3.0, within(1e-12));
        assertThat(ProviderEvidence.speedSample(30_000, 60_000)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void speedSample_isClampedIntoTheReputationsRange_andZeroCountsAsOneMillisecond() {
        assertThat(ProviderEvidence.speedSample(1_000_000, 10)).isEqualTo(Reputation.MAX_SPEED);
        assertThat(ProviderEvidence.speedSample(0, 1_000)).isEqualTo(Reputation.MIN_SPEED);
        assertThat(ProviderEvidence.speedSample(0, 0)).isEqualTo(1.0);
        assertThatThrownBy(() -> ProviderEvidence.speedSample(-1, 10)).hasMessageContaining(">= 0");
    }

    @Test
    void median_ofAnOddCountIsTheMiddle_ofAnEvenCountTheLowerMiddle() {
        assertThat(ProviderEvidence.median(List.of(60L, 180L, 50L))).isEqualTo(60);
        assertThat(ProviderEvidence.median(List.of(60L, 180L, 50L, 70L))).isEqualTo(60);
        assertThat(ProviderEvidence.median(List.of(5L))).isEqualTo(5);
        assertThatThrownBy(() -> ProviderEvidence.median(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
