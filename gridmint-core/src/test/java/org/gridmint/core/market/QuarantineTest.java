package org.gridmint.core.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.core.CoreFixtures.NOW;

import java.time.Duration;
import org.gridmint.core.lifecycle.AttemptReason;
import org.junit.jupiter.api.Test;

class QuarantineTest {

    private static Quarantine failTimes(Quarantine q, int times) {
        for (int i = 0; i < times; i++) q = q.afterEnded(AttemptReason.PROVIDER_LOST, NOW);
        return q;
    }

    @Test
    void length_startsAtOneMinuteAndDoubles() {
        assertThat(Quarantine.length(0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(Quarantine.length(1)).isEqualTo(Duration.ofMinutes(2));
        assertThat(Quarantine.length(2)).isEqualTo(Duration.ofMinutes(4));
        assertThat(Quarantine.length(10)).isEqualTo(Duration.ofMinutes(1024));
    }

    @Test
    void length_isCappedAtOneDay() {
        assertThat(Quarantine.length(11)).isEqualTo(Duration.ofDays(1));
        assertThat(Quarantine.length(Integer.MAX_VALUE)).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void until_isNowPlusTheLength() {
        assertThat(Quarantine.until(3, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(8)));
    }

    @Test
    void afterEnded_twoProviderFailuresInARow_doNotQuarantine() {
        var q = failTimes(Quarantine.NONE, 2);

        assertThat(q.isActive(NOW)).isFalse();
        assertThat(q.consecutiveFailures()).isEqualTo(2);
    }

    @Test
    void afterEnded_theThirdInARow_quarantinesForOneMinute() {
        var q = failTimes(Quarantine.NONE, 3);

        assertThat(q).isEqualTo(new Quarantine(0, 1, NOW.plus(Duration.ofMinutes(1))));
        assertThat(q.isActive(NOW.plusSeconds(59))).isTrue();
        assertThat(q.isActive(NOW.plusSeconds(60))).isFalse();
    }

    @Test
    void afterEnded_aSecondQuarantine_lastsTwiceAsLong() {
        var q = failTimes(failTimes(Quarantine.NONE, 3), 3);

        assertThat(q.timesQuarantined()).isEqualTo(2);
        assertThat(q.until()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
    }

    @Test
    void afterSuccess_resetsTheRunOfFailures() {
        var q = failTimes(Quarantine.NONE, 2).afterSuccess();
        var again = failTimes(q, 2);

        assertThat(q.consecutiveFailures()).isZero();
        assertThat(again.isActive(NOW)).as("two more are not three in a row").isFalse();
    }

    @Test
    void afterSuccess_keepsTheCountOfPastQuarantines() {
        var q = failTimes(Quarantine.NONE, 3).afterSuccess();

        assertThat(q.timesQuarantined()).isEqualTo(1);
    }

    @Test
    void afterEnded_failuresThatAreNotTheProvidersDoNotCount() {
        var q = Quarantine.NONE.afterEnded(AttemptReason.EXIT_NONZERO, NOW).afterEnded(AttemptReason.PROVIDER_DRAINED, NOW)
                .afterEnded(AttemptReason.CANCELLED, NOW).afterEnded(AttemptReason.TIMEOUT, NOW);

        assertThat(q).isEqualTo(Quarantine.NONE);
    }

    @Test
    void due_fromThreeFailuresInARow() {
        assertThat(Quarantine.due(2)).isFalse();
        assertThat(Quarantine.due(3)).isTrue();
    }
}
