package org.gridmint.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.gridmint.core.RandomCases;
import org.junit.jupiter.api.Test;

class VerificationRulesPropertiesTest {
    private static final int CASES = 2_000;

    record Case(TaskVerification tv, boolean[][] agrees) {}

    /** A random plan and a random symmetric agreement matrix over up to 6 results (symmetric, as the comparator is). */
    private static Case randomCase(RandomGenerator r) {
        int target = r.nextInt(1, 6);
        int quorum = r.nextInt(1, target + 1);
        var tv = new TaskVerification(quorum, target, r.nextBoolean() ? Partner.ANY : Partner.TRUSTED,
                r.nextInt(VerificationRules.MAX_TIE_BREAKERS + 1), "random plan");
        int n = r.nextInt(1, target + 3);
        double density = r.nextDouble();
        boolean[][] m = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = true;
            for (int j = 0; j < i; j++) m[i][j] = m[j][i] = r.nextDouble() < density;
        }
        return new Case(tv, m);
    }

    private static int group(boolean[][] m, int i) {
        int size = 0;
        for (int j = 0; j < m.length; j++) if (j == i || m[i][j]) size++;
        return size;
    }

    @Test
    void decide_neverAcceptsAGroupSmallerThanTheQuorum() {
        RandomCases.forEach(CASES, 0x51554F52L, VerificationRulesPropertiesTest::randomCase, c -> {
            if (VerificationRules.decide(c.tv(), c.agrees()) instanceof Decision.Accept a) {
                assertThat(a.agreeing().size()).isGreaterThanOrEqualTo(c.tv().quorum());
                for (int j : a.agreeing()) assertThat(j == a.canonical() || c.agrees()[a.canonical()][j]).as("agrees with the canonical result").isTrue();
            }
        });
    }

    @Test
    void accept_canonicalIsAgreeing_andAgreeingAndDissentingPartitionAllResults() {
        RandomCases.forEach(CASES, 0x50415254L, VerificationRulesPropertiesTest::randomCase, c -> {
            if (VerificationRules.decide(c.tv(), c.agrees()) instanceof Decision.Accept a) {
                assertThat(a.agreeing()).contains(a.canonical());
                List<Integer> all = new ArrayList<>(a.agreeing());
                all.addAll(a.dissenting());
                assertThat(all).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, c.agrees().length).boxed().toList());
            }
        });
    }

    @Test
    void accept_canonicalIsTheEarliestOfTheLargestGroup() {
        RandomCases.forEach(CASES, 0x43414E4FL, VerificationRulesPropertiesTest::randomCase, c -> {
            if (VerificationRules.decide(c.tv(), c.agrees()) instanceof Decision.Accept a) {
                int size = group(c.agrees(), a.canonical());
                for (int i = 0; i < c.agrees().length; i++) {
                    assertThat(group(c.agrees(), i)).isLessThanOrEqualTo(size);
                    if (i < a.canonical()) assertThat(group(c.agrees(), i)).isLessThan(size);
                }
            }
        });
    }

    @Test
    void withoutQuorum_moreIsAskedUntilTieBreakersAreSpent_andEachTieBreakerRaisesTheTarget() {
        RandomCases.forEach(CASES, 0x4D4F5245L, VerificationRulesPropertiesTest::randomCase, c -> {
            int n = c.agrees().length;
            switch (VerificationRules.decide(c.tv(), c.agrees())) {
                case Decision.Accept a -> { }
                case Decision.NeedMore m when n < c.tv().target() -> assertThat(m.next()).isEqualTo(c.tv());
                case Decision.NeedMore m -> {
                    assertThat(m.next().tieBreakers()).isEqualTo(c.tv().tieBreakers() + 1);
                    assertThat(m.next().target()).isEqualTo(n + 1);
                    assertThat(m.partner()).isEqualTo(Partner.TRUSTED);
                }
                case Decision.NoQuorum q -> {
                    assertThat(c.tv().tieBreakers()).isEqualTo(VerificationRules.MAX_TIE_BREAKERS);
                    assertThat(n).isGreaterThanOrEqualTo(c.tv().target());
                }
            }
        });
    }
}
