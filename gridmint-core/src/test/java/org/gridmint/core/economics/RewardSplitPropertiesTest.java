package org.gridmint.core.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.core.RandomCases.between;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.gridmint.core.RandomCases;
import org.junit.jupiter.api.Test;

class RewardSplitPropertiesTest {
    private static final int CASES = 1000;

    record Case(long emission, int basisPoints, LinkedHashMap<String, Long> work) {}

    private static Case generate(RandomGenerator r) {
        int n = (int) between(r, 1, 60);
        var work = new LinkedHashMap<String, Long>();
        long cap = Long.MAX_VALUE / 64; // so that the total stays within a long
        for (int i = 0; i < n; i++) work.put("acct-" + Long.toString(r.nextLong(1L << 40), 36), between(r, 1, cap));
        return new Case(between(r, 0, Long.MAX_VALUE), (int) between(r, 0, 10_000), work);
    }

    @Test
    void theParts_addUpToTheEmissionExactly() {
        RandomCases.forEach(CASES, 0x53504C4954L, RewardSplitPropertiesTest::generate, c -> {
            var split = RewardSplit.split(Tokens.ofMicros(c.emission()), c.basisPoints(), c.work());

            BigInteger sum = BigInteger.valueOf(split.treasury().micros());
            for (Tokens t : split.rewards().values()) sum = sum.add(BigInteger.valueOf(t.micros()));
            assertThat(sum).isEqualTo(BigInteger.valueOf(c.emission()));
            assertThat(split.minted()).isEqualTo(Tokens.ofMicros(c.emission()));
        });
    }

    @Test
    void theTreasury_getsItsShareRoundedDown() {
        RandomCases.forEach(CASES, 0x5452454153L, RewardSplitPropertiesTest::generate, c -> {
            var split = RewardSplit.split(Tokens.ofMicros(c.emission()), c.basisPoints(), c.work());

            BigInteger exact = BigInteger.valueOf(c.emission()).multiply(BigInteger.valueOf(c.basisPoints()));
            BigInteger paid = BigInteger.valueOf(split.treasury().micros()).multiply(BigInteger.valueOf(10_000));
            assertThat(paid).isLessThanOrEqualTo(exact);
            assertThat(exact.subtract(paid)).isLessThan(BigInteger.valueOf(10_000));
        });
    }

    @Test
    void eachPart_isWithinOneMicroOfItsExactShare() {
        RandomCases.forEach(CASES, 0x50524F50L, RewardSplitPropertiesTest::generate, c -> {
            var split = RewardSplit.split(Tokens.ofMicros(c.emission()), c.basisPoints(), c.work());

            BigInteger pool = BigInteger.valueOf(c.emission() - split.treasury().micros());
            BigInteger total = BigInteger.ZERO;
            for (long w : c.work().values()) total = total.add(BigInteger.valueOf(w));
            for (var e : c.work().entrySet()) {
                long part = split.rewards().getOrDefault(e.getKey(), Tokens.ZERO).micros();
                // |part - pool·w/total| < 1  ⇔  |part·total - pool·w| < total
                BigInteger diff = BigInteger.valueOf(part).multiply(total).subtract(pool.multiply(BigInteger.valueOf(e.getValue()))).abs();
                assertThat(diff).as(e.getKey()).isLessThan(total);
            }
        });
    }

    @Test
    void moreWork_neverEarnsLess() {
        RandomCases.forEach(CASES, 0x4D4F4E4FL, RewardSplitPropertiesTest::generate, c -> {
            var split = RewardSplit.split(Tokens.ofMicros(c.emission()), c.basisPoints(), c.work());

            List<Map.Entry<String, Long>> byWork = new ArrayList<>(c.work().entrySet());
            byWork.sort(Map.Entry.comparingByValue());
            for (int i = 1; i < byWork.size(); i++) {
                long less = split.rewards().getOrDefault(byWork.get(i - 1).getKey(), Tokens.ZERO).micros();
                long more = split.rewards().getOrDefault(byWork.get(i).getKey(), Tokens.ZERO).micros();
                if (byWork.get(i).getValue() > byWork.get(i - 1).getValue()) assertThat(more).isGreaterThanOrEqualTo(less);
            }
        });
    }

    @Test
    void theSplit_doesNotDependOnTheOrderOfTheWork() {
        RandomCases.forEach(300, 0x4F52444552L, RewardSplitPropertiesTest::generate, c -> {
            var entries = new ArrayList<>(c.work().entrySet());
            Collections.reverse(entries);
            var reversed = new LinkedHashMap<String, Long>();
            entries.forEach(e -> reversed.put(e.getKey(), e.getValue()));

            assertThat(RewardSplit.split(Tokens.ofMicros(c.emission()), c.basisPoints(), reversed))
                    .isEqualTo(RewardSplit.split(Tokens.ofMicros(c.emission()), c.basisPoints(), c.work()));
        });
    }

    @Test
    void noPart_isZero() {
        RandomCases.forEach(300, 0x5A45524FL, RewardSplitPropertiesTest::generate, c -> assertThat(
                RewardSplit.split(Tokens.ofMicros(c.emission()), c.basisPoints(), c.work()).rewards().values()).doesNotContain(Tokens.ZERO));
    }
}
