package org.gridmint.core.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.gridmint.core.lifecycle.AttemptReason;
import org.junit.jupiter.api.Test;

class ReputationTest {
    private static final NetworkPrior PRIOR = new NetworkPrior(0.8);

    @Test
    void estimate_ofANewProvider_isExactlyTheNetworkAverage() {
        var r = Reputation.estimate(ProviderEvidence.NONE, PRIOR);

        assertThat(r.reliability()).isEqualTo(0.8);
        assertThat(r.speed()).isEqualTo(1.0);
        assertThat(r.confidence()).isZero();
        assertThat(Reputation.newcomer(PRIOR)).isEqualTo(r);
    }

    @Test
    void estimate_completionsRaiseReliabilityByTheEmpiricalBayesRule() {
        var e = ProviderEvidence.NONE.plusCompleted().plusCompleted().plusCompleted().plusCompleted();

        // (4 + 4 × 0.8) / (4 + 0 + 4)
        assertThat(Reputation.estimate(e, PRIOR).reliability()).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void estimate_providerFailuresLowerReliability() {
        var e = ProviderEvidence.NONE.plusCompleted().plusEnded(AttemptReason.PROVIDER_LOST).plusEnded(AttemptReason.PROVIDER_LOST);

        // (1 + 3.2) / (1 + 2 + 4)
        assertThat(Reputation.estimate(e, PRIOR).reliability()).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void estimate_oneEarlyFailureCostsANewProviderAFifthNotEverything() {
        var e = ProviderEvidence.NONE.plusEnded(AttemptReason.RUNTIME_ERROR);

        assertThat(Reputation.estimate(e, PRIOR).reliability()).isCloseTo(0.8 * 4 / 5, within(1e-12));
    }

    @Test
    void evidence_drainsCancelsAndTheJobsOwnFailuresDoNotCount() {
        var e = ProviderEvidence.NONE.plusEnded(AttemptReason.PROVIDER_DRAINED).plusEnded(AttemptReason.CANCELLED)
                .plusEnded(AttemptReason.EXIT_NONZERO).plusEnded(AttemptReason.TIMEOUT).plusEnded(AttemptReason.OUTPUT_MISSING);

        assertThat(e).isEqualTo(ProviderEvidence.NONE);
        assertThat(Reputation.estimate(e, PRIOR)).isEqualTo(Reputation.newcomer(PRIOR));
    }

    @Test
    void estimate_fourMissedHeartbeatsWeighAsOneFailure() {
        var gaps = ProviderEvidence.NONE.plusCompleted().plusMissedHeartbeats(4);
        var failure = ProviderEvidence.NONE.plusCompleted().plusEnded(AttemptReason.PROVIDER_LOST);

        assertThat(Reputation.estimate(gaps, PRIOR).reliability()).isEqualTo(Reputation.estimate(failure, PRIOR).reliability());
    }

    @Test
    void estimate_isClampedSoThatDividingByReliabilityIsSafe() {
        var hopeless = new ProviderEvidence(0, 1_000_000, 0, 0, 0);
        var flawless = new ProviderEvidence(1_000_000, 0, 0, 0, 0);

        assertThat(Reputation.estimate(hopeless, new NetworkPrior(0.01)).reliability()).isEqualTo(Reputation.MIN_RELIABILITY);
        assertThat(Reputation.estimate(flawless, PRIOR).reliability()).isEqualTo(Reputation.MAX_RELIABILITY);
    }

    @Test
    void speed_isShrunkTowardThePeersWithFewSamples() {
        var once = ProviderEvidence.NONE.plusCompleted(3.0);

        // (3 + 4) / (1 + 4)
        assertThat(Reputation.estimate(once, PRIOR).speed()).isCloseTo(1.4, within(1e-12));
    }

    @Test
    void speed_approachesTheMeasuredRatioWithManySamples() {
        var e = ProviderEvidence.NONE;
        for (int i = 0; i < 1000; i++) e = e.plusCompleted(2.0);

        assertThat(Reputation.estimate(e, PRIOR).speed()).isCloseTo(2.0, within(0.01));
    }

    @Test
    void speed_completionsWithoutAMedianLeaveItAlone() {
        var e = ProviderEvidence.NONE.plusCompleted().plusCompleted();

        assertThat(Reputation.estimate(e, PRIOR).speed()).isEqualTo(1.0);
    }

    @Test
    void confidence_countsCompletedAttemptsAndProviderFailures() {
        var e = ProviderEvidence.NONE.plusCompleted().plusCompleted(1.0).plusEnded(AttemptReason.UPLOAD_FAILED).plusMissedHeartbeats(5);

        assertThat(Reputation.estimate(e, PRIOR).confidence()).isEqualTo(3);
    }

    @Test
    void networkPrior_poolsEveryProvidersAttempts() {
        var a = new ProviderEvidence(8, 0, 0, 0, 0);
        var b = new ProviderEvidence(1, 1, 0, 0, 0);

        assertThat(NetworkPrior.of(List.of(a, b)).reliability()).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void networkPrior_weighsMissedHeartbeatsAsReputationDoes() {
        var e = new ProviderEvidence(3, 0, 4, 0, 0);

        assertThat(NetworkPrior.of(List.of(e)).reliability()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void networkPrior_withNoEvidence_isTheDefault() {
        assertThat(NetworkPrior.of(List.of())).isEqualTo(NetworkPrior.DEFAULT);
        assertThat(NetworkPrior.of(List.of(ProviderEvidence.NONE))).isEqualTo(NetworkPrior.DEFAULT);
    }

    @Test
    void networkPrior_ofAllFailures_isClamped() {
        assertThat(NetworkPrior.of(List.of(new ProviderEvidence(0, 5, 0, 0, 0))).reliability()).isEqualTo(Reputation.MIN_RELIABILITY);
    }

    @Test
    void evidence_rejectsNegativeCountsAndImpossibleSpeedSamples() {
        assertThatThrownBy(() -> new ProviderEvidence(-1, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("completed=-1");
        assertThatThrownBy(() -> new ProviderEvidence(1, 0, 0, 2, 2)).hasMessageContaining("speedSamples 2 exceeds completed 1");
        assertThatThrownBy(() -> ProviderEvidence.NONE.plusCompleted(0)).hasMessageContaining("was 0.0");
        assertThatThrownBy(() -> ProviderEvidence.NONE.plusCompleted(Double.NaN)).hasMessageContaining("NaN");
    }

    @Test
    void reputation_rejectsValuesOutsideItsRanges() {
        assertThatThrownBy(() -> new Reputation(0, 1, 0)).hasMessageContaining("reliability must be in");
        assertThatThrownBy(() -> new Reputation(0.5, 0, 0)).hasMessageContaining("speed must be in");
        assertThatThrownBy(() -> new NetworkPrior(1.0)).hasMessageContaining("was 1.0");
    }
}
