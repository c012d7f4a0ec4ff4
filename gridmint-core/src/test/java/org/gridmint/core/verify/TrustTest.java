package org.gridmint.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrustTest {

    private static Trust after(int agreements) {
        Trust t = Trust.NONE;
        for (int i = 0; i < agreements; i++) t = t.afterAgreement();
        return t;
    }

    @Test
    void trust_isEarnedOnlyByTenAgreeingResultsInARow() {
        assertThat(after(9).trusted()).isFalse();
        assertThat(after(10).trusted()).isTrue();
        assertThat(after(10)).isEqualTo(new Trust(10, 10, 0));
    }

    @Test
    void oneDisagreement_resetsTheRunAtOnce_butKeepsTheTotals() {
        Trust t = after(50).afterDisagreement();

        assertThat(t).isEqualTo(new Trust(0, 50, 1));
        assertThat(t.trusted()).isFalse();
        assertThat(t.replicationProbability()).isEqualTo(1.0);
    }

    @Test
    void replicationProbability_isOneWhileUntrusted_thenFallsWithTheRecord_toAFloor() {
        assertThat(Trust.replicationProbability(0)).isEqualTo(1.0);
        assertThat(Trust.replicationProbability(9)).isEqualTo(1.0);
        assertThat(Trust.replicationProbability(10)).isEqualTo(1.0);
        assertThat(Trust.replicationProbability(20)).isEqualTo(0.5);
        assertThat(Trust.replicationProbability(100)).isEqualTo(0.1);
        assertThat(Trust.replicationProbability(200)).isEqualTo(Trust.FLOOR);
        assertThat(Trust.replicationProbability(Integer.MAX_VALUE)).isEqualTo(Trust.FLOOR);
        for (int n = 1; n < 1_000; n++)
            assertThat(Trust.replicationProbability(n)).as("never rises with a longer record, n=" + n)
                    .isLessThanOrEqualTo(Trust.replicationProbability(n - 1)).isGreaterThan(0);
    }

    @Test
    void replicasOfAHonestLongLivedProvider_stayWithinTheOverheadBudget() {
        // The expected replicas over a provider's first 10,000 results: the sum of p(n) over its record.
        double replicas = 0;
        for (int n = 0; n < 10_000; n++) replicas += Trust.replicationProbability(n);

        assertThat(1 + replicas / 10_000).as("compute overhead of adaptive replication").isLessThan(1.10);
    }

    @Test
    void counts_areChecked() {
        assertThatThrownBy(() -> new Trust(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Trust(5, 4, 0)).hasMessageContaining("cannot exceed");
        assertThat(new Trust(Integer.MAX_VALUE, Long.MAX_VALUE - 1, 0).afterAgreement().consecutiveValid()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void describe_saysHowFarAProviderIs() {
        assertThat(after(3).describe()).isEqualTo("not yet trusted (3 of 10 agreeing results in a row)");
        assertThat(after(12).describe()).isEqualTo("trusted (12 agreeing results in a row)");
    }
}
