package org.gridmint.core.verify;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.gridmint.core.money.Credits;

/**
 * (Stand-in with team.md's exact signature until helper A's core.verify lands; A's file replaces this one at the merge.)
 * How much a provider whose result lost a verdict pays from its stake, and who gets it.
 *
 * @param stakeShare the share of its stake taken, in (0, 1]
 * @param clientShare the share of what is taken that compensates the client (the rest goes to the treasury), in [0, 1]
 */
public record SlashTerms(double stakeShare, double clientShare) {
    public SlashTerms {
        if (!(stakeShare > 0 && stakeShare <= 1)) throw new IllegalArgumentException("the slashed share of a stake must be in (0, 1], was " + stakeShare);
        if (!(clientShare >= 0 && clientShare <= 1)) throw new IllegalArgumentException("the client's share of a slash must be in [0, 1], was " + clientShare);
    }

    /** One slash, split: each part rounded down to the micro-credit, the remainder of the split to the treasury. */
    public record Slash(Credits toClient, Credits toTreasury) {
        public Slash {
            if (toClient == null || toTreasury == null || toClient.isNegative() || toTreasury.isNegative())
                throw new IllegalArgumentException("a slash moves amounts >= 0, was " + toClient + " and " + toTreasury);
        }

        public Credits total() {
            return toClient.plus(toTreasury);
        }
    }

    /** The slash of a provider with {@code staked} in its stake account (nothing when it has nothing staked). */
    public Slash of(Credits staked) {
        if (staked.micros() <= 0) return new Slash(Credits.ZERO, Credits.ZERO);
        long total = share(staked.micros(), stakeShare);
        long client = share(total, clientShare);
        return new Slash(Credits.ofMicros(client), Credits.ofMicros(total - client));
    }

    // Decimal arithmetic on the micro-credits: a double product could round a large stake up past what it holds.
    private static long share(long micros, double share) {
        return BigDecimal.valueOf(micros).multiply(BigDecimal.valueOf(share)).setScale(0, RoundingMode.FLOOR).longValueExact();
    }
}
