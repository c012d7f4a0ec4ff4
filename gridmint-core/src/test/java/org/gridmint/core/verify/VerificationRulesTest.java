package org.gridmint.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gridmint.core.spec.Comparison;
import org.gridmint.core.spec.VerifySpec;
import org.junit.jupiter.api.Test;

class VerificationRulesTest {
    private static final Trust TRUSTED_40 = new Trust(40, 40, 0);
    private static final TaskVerification PAIR = new TaskVerification(2, 2, Partner.ANY, 0, "replicated");

    /** A symmetric agreement matrix from the pairs that agree. */
    static boolean[][] agreeing(int n, int[]... pairs) {
        boolean[][] m = new boolean[n][n];
        for (int i = 0; i < n; i++) m[i][i] = true;
        for (int[] p : pairs) {
            m[p[0]][p[1]] = true;
            m[p[1]][p[0]] = true;
        }
        return m;
    }

    @Test
    void plan_none_acceptsTheFirstResultAlone() {
        var tv = VerificationRules.plan(VerifySpec.NONE, Trust.NONE, false, 0.0);

        assertThat(tv).extracting(TaskVerification::quorum, TaskVerification::target, TaskVerification::replicated).containsExactly(1, 1, false);
    }

    @Test
    void plan_replicas_needsTheSpecsQuorumOfItsReplicas() {
        var tv = VerificationRules.plan(VerifySpec.replicas(3, 2, Comparison.EXACT), TRUSTED_40, true, 0.99);

        assertThat(tv).isEqualTo(new TaskVerification(2, 3, Partner.ANY, 0, "runs on 3 providers; 2 must agree"));
    }

    @Test
    void plan_spotCheck_checksOnATrustedProvider_onlyWhenDrawn() {
        var spec = VerifySpec.spotCheck(0.05, Comparison.EXACT);

        assertThat(VerificationRules.plan(spec, Trust.NONE, false, 0.049)).extracting(TaskVerification::target, TaskVerification::partner)
                .containsExactly(2, Partner.TRUSTED);
        assertThat(VerificationRules.plan(spec, Trust.NONE, false, 0.05).target()).isEqualTo(1);
    }

    @Test
    void plan_adaptive_replicatesAnUntrustedProvider_always() {
        var tv = VerificationRules.plan(VerifySpec.ADAPTIVE, new Trust(3, 3, 0), false, 0.999);

        assertThat(tv).extracting(TaskVerification::quorum, TaskVerification::target, TaskVerification::partner).containsExactly(2, 2, Partner.ANY);
        assertThat(tv.why()).isEqualTo("replicated: the provider is not yet trusted (3 of 10 agreeing results in a row)");
    }

    @Test
    void plan_adaptive_replicatesATrustedProvider_withItsProbability() {
        // p(40) = 0.25
        assertThat(VerificationRules.plan(VerifySpec.ADAPTIVE, TRUSTED_40, false, 0.249).target()).isEqualTo(2);
        var alone = VerificationRules.plan(VerifySpec.ADAPTIVE, TRUSTED_40, false, 0.25);
        assertThat(alone.target()).isEqualTo(1);
        assertThat(alone.why()).isEqualTo("accepted alone (replication probability 25.0% not drawn): the provider is trusted (40 agreeing results in a row)");
    }

    @Test
    void plan_adaptive_doesNotReplicateTheClientsOwnProvider() {
        assertThat(VerificationRules.plan(VerifySpec.ADAPTIVE, Trust.NONE, true, 0.0).target()).isEqualTo(1);
    }

    @Test
    void plan_drawOutsideUnitInterval_isRefused() {
        assertThatThrownBy(() -> VerificationRules.plan(VerifySpec.ADAPTIVE, Trust.NONE, false, 1.0)).hasMessage("draw must be in [0, 1), was 1.0");
    }

    @Test
    void decide_oneResultOfAnUnverifiedPlan_isAccepted() {
        var d = VerificationRules.decide(new TaskVerification(1, 1, Partner.ANY, 0, "alone"), agreeing(1));

        assertThat(d).isEqualTo(new Decision.Accept(0, List.of(0), List.of()));
    }

    @Test
    void decide_fewerResultsThanTheTarget_asksTheSamePartnerForOneMore() {
        var tv = new TaskVerification(2, 2, Partner.TRUSTED, 0, "spot check");

        assertThat(VerificationRules.decide(tv, agreeing(1))).isEqualTo(new Decision.NeedMore(tv, Partner.TRUSTED));
    }

    @Test
    void decide_twoAgreeing_acceptsTheEarliest() {
        assertThat(VerificationRules.decide(PAIR, agreeing(2, new int[] {0, 1}))).isEqualTo(new Decision.Accept(0, List.of(0, 1), List.of()));
    }

    @Test
    void decide_quorumBeforeTheTarget_acceptsAtOnce() {
        var tv = new TaskVerification(2, 3, Partner.ANY, 0, "3 replicas");

        assertThat(VerificationRules.decide(tv, agreeing(2, new int[] {0, 1}))).isInstanceOf(Decision.Accept.class);
    }

    @Test
    void decide_targetReachedWithoutQuorum_callsATieBreakerOnATrustedProvider() {
        var d = (Decision.NeedMore) VerificationRules.decide(PAIR, agreeing(2));

        assertThat(d.partner()).isEqualTo(Partner.TRUSTED);
        assertThat(d.next()).extracting(TaskVerification::quorum, TaskVerification::target, TaskVerification::tieBreakers, TaskVerification::partner)
                .containsExactly(2, 3, 1, Partner.TRUSTED);
        assertThat(d.next().why()).isEqualTo("tie-breaker 1 of 2 on a trusted provider: 2 results, at most 1 agreeing, 2 needed");
    }

    @Test
    void decide_tieBreakerSidingWithOne_acceptsIt_andTheOtherDissents() {
        var afterTie = new TaskVerification(2, 3, Partner.TRUSTED, 1, "tie-breaker");

        assertThat(VerificationRules.decide(afterTie, agreeing(3, new int[] {1, 2}))).isEqualTo(new Decision.Accept(1, List.of(1, 2), List.of(0)));
    }

    @Test
    void decide_tieBreakersSpentWithoutQuorum_givesUp() {
        var last = new TaskVerification(2, 4, Partner.TRUSTED, VerificationRules.MAX_TIE_BREAKERS, "tie-breaker");

        assertThat(VerificationRules.decide(last, agreeing(4))).isEqualTo(new Decision.NoQuorum("4 results, at most 1 agreeing, 2 needed, after 2 tie-breakers"));
    }

    @Test
    void decide_largestGroupWins_evenIfAnEarlierPairFormedFirst() {
        var tv = new TaskVerification(2, 5, Partner.ANY, 0, "5 replicas");
        // 0~1 agree; 2~3~4 agree: the larger group holds the canonical result
        var d = (Decision.Accept) VerificationRules.decide(tv, agreeing(5, new int[] {0, 1}, new int[] {2, 3}, new int[] {2, 4}, new int[] {3, 4}));

        assertThat(d).isEqualTo(new Decision.Accept(2, List.of(2, 3, 4), List.of(0, 1)));
    }

    @Test
    void decide_malformedMatrix_isRefused() {
        assertThatThrownBy(() -> VerificationRules.decide(PAIR, new boolean[0][0])).hasMessage("a decision needs at least one result");
        assertThatThrownBy(() -> VerificationRules.decide(PAIR, new boolean[][] {{true, false}})).hasMessage("agrees must be 1 x 1 (row 0)");
    }
}
