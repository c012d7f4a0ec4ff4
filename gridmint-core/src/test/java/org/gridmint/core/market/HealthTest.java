package org.gridmint.core.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.core.CoreFixtures.NOW;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HealthTest {
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private static Health silentFor(Duration silence) {
        return Health.of(NOW.minus(silence), NOW, INTERVAL, null);
    }

    @Test
    void of_heardFromJustNow_isHealthy() {
        assertThat(silentFor(Duration.ZERO)).isEqualTo(Health.HEALTHY);
    }

    @Test
    void of_atExactlyOneAndAHalfIntervals_isStillHealthy() {
        assertThat(silentFor(Duration.ofSeconds(15))).isEqualTo(Health.HEALTHY);
    }

    @Test
    void of_pastOneAndAHalfIntervals_isSuspect() {
        assertThat(silentFor(Duration.ofMillis(15_001))).isEqualTo(Health.SUSPECT);
    }

    @Test
    void of_atExactlyThreeIntervals_isStillSuspect() {
        assertThat(silentFor(Duration.ofSeconds(30))).isEqualTo(Health.SUSPECT);
    }

    @Test
    void of_pastThreeIntervals_isLost() {
        assertThat(silentFor(Duration.ofMillis(30_001))).isEqualTo(Health.LOST);
    }

    @Test
    void of_beforeQuarantineEnds_isQuarantined() {
        assertThat(Health.of(NOW, NOW, INTERVAL, NOW.plusNanos(1))).isEqualTo(Health.QUARANTINED);
    }

    @Test
    void of_whenQuarantineEndsNow_isHealthyAgain() {
        assertThat(Health.of(NOW, NOW, INTERVAL, NOW)).isEqualTo(Health.HEALTHY);
    }

    @Test
    void of_quarantinedAndSilent_isQuarantinedUntilLost() {
        Instant until = NOW.plusSeconds(600);

        assertThat(Health.of(NOW.minusSeconds(20), NOW, INTERVAL, until)).isEqualTo(Health.QUARANTINED);
        assertThat(Health.of(NOW.minusSeconds(31), NOW, INTERVAL, until)).isEqualTo(Health.LOST);
    }

    @Test
    void of_draining_isDrainingWhetherHeardFromSilentOrQuarantined() {
        assertThat(Health.of(NOW, NOW, INTERVAL, null, true)).isEqualTo(Health.DRAINING);
        assertThat(Health.of(NOW.minusSeconds(31), NOW, INTERVAL, null, true)).as("a drained agent has stopped").isEqualTo(Health.DRAINING);
        assertThat(Health.of(NOW, NOW, INTERVAL, NOW.plusSeconds(60), true)).isEqualTo(Health.DRAINING);
        assertThat(Health.of(NOW, NOW, INTERVAL, null, false)).isEqualTo(Health.HEALTHY);
    }

    @Test
    void missedHeartbeat_isASilencePastOneAndAHalfIntervals() {
        assertThat(Health.missedHeartbeat(NOW.minusSeconds(15), NOW, INTERVAL)).isFalse();
        assertThat(Health.missedHeartbeat(NOW.minusMillis(15_001), NOW, INTERVAL)).isTrue();
        assertThat(Health.missedHeartbeat(NOW.minusSeconds(10), NOW, INTERVAL)).as("one regular beat").isFalse();
    }

    @Test
    void of_rejectsANonPositiveInterval() {
        assertThatThrownBy(() -> Health.of(NOW, NOW, Duration.ZERO, null)).hasMessageContaining("heartbeatInterval must be > 0");
    }
}
