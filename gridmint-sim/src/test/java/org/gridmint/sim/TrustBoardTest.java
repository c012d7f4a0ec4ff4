package org.gridmint.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.gridmint.core.verify.Trust;
import org.gridmint.sim.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

/** The fleet-wide trust counts that decide where a check goes while no provider is trusted yet. */
class TrustBoardTest {
    private final TrustBoard board = new TrustBoard();

    private SimProvider joined(int slot, Trust trust) {
        var spec = ScenarioReader.parse(VerificationSimTest.FLEET, "t").providers();
        SimProvider p = SimProvider.draw(spec, slot, 0, new SplittableRandom(slot));
        p.trust = trust;
        board.joined(p);
        return p;
    }

    @Test
    void longestRun_leavesOutTheExcluded_andFollowsEveryChange() {
        SimProvider leader = joined(0, Trust.NONE);
        SimProvider second = joined(1, Trust.NONE);
        assertThat(board.longestRunBut(List.of())).as("no run anywhere: anyone may take a check").isZero();

        for (int i = 0; i < 4; i++) board.set(leader, leader.trust.afterAgreement());
        board.set(second, second.trust.afterAgreement());

        assertThat(board.longestRunBut(List.of())).isEqualTo(4);
        assertThat(board.longestRunBut(List.of(leader))).isEqualTo(1);
        board.set(leader, leader.trust.afterDisagreement());
        assertThat(board.longestRunBut(List.of())).isEqualTo(1);
        assertThat(board.longestRunBut(List.of(second))).isZero();
    }

    @Test
    void anyTrusted_countsEveryIdentityButTheExcluded_andForgetsOneThatLosesAVerdict() {
        SimProvider trusted = joined(0, new Trust(Trust.THRESHOLD, Trust.THRESHOLD, 0));
        joined(1, Trust.NONE);

        assertThat(board.anyTrustedBut(List.of())).isTrue();
        assertThat(board.anyTrustedBut(List.of(trusted))).isFalse();
        board.set(trusted, trusted.trust.afterDisagreement());
        assertThat(board.anyTrustedBut(List.of())).isFalse();
    }
}
