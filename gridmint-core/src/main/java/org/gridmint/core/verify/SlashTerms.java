package org.gridmint.core.verify;

import org.gridmint.core.money.Credits;

/**
 * How much of a caught cheater's stake a slash takes, and how it is split between the client (for its
 * verification cost) and the treasury.
 *
 * @param stakeShare the fraction of the provider's stake slashed, in [0, 1]
 * @param clientShare the fraction of the slash paid to the client, in [0, 1]; the treasury gets the rest
 */
public record SlashTerms(double stakeShare, double clientShare) {
    /** Half of the stake, split half to the client and half to the treasury. */
    public static final SlashTerms DEFAULT = new SlashTerms(0.5, 0.5);
    private static final long BASIS = 10_000;

    public SlashTerms {
        if (!(stakeShare >= 0 && stakeShare <= 1)) throw new IllegalArgumentException("stakeShare must be between 0 and 1, was " + stakeShare);
        if (!(clientShare >= 0 && clientShare <= 1)) throw new IllegalArgumentException("clientShare must be between 0 and 1, was " + clientShare);
    }

    /** A slash's two parts: the client's compensation and the treasury's share. */
    public record Slash(Credits toClient, Credits toTreasury) {
        public Slash {
            if (toClient == null || toTreasury == null || toClient.isNegative() || toTreasury.isNegative())
                throw new IllegalArgumentException("a slash's parts are >= 0, were " + toClient + " and " + toTreasury);
        }

        public Credits total() {
            return toClient.plus(toTreasury);
        }
    }

    /**
     * The slash of a provider with {@code staked} at stake. Money is never a double: the shares count in basis points
     * (0.01 %, finer shares round to the nearest one), and the slash rounds down to the micro-credit so it never takes
     * more than its share. The client's part rounds down too and the treasury gets the remainder, so the parts add up
     * to the slash exactly.
     */
    public Slash of(Credits staked) {
        if (staked == null || staked.isNegative()) throw new IllegalArgumentException("a stake is >= 0, was " + staked);
        long total = shareOf(staked.micros(), basisPoints(stakeShare));
        long toClient = shareOf(total, basisPoints(clientShare));
        return new Slash(Credits.ofMicros(toClient), Credits.ofMicros(total - toClient));
    }

    static long basisPoints(double share) {
        return Math.round(share * BASIS);
    }

    /** floor(amount * bp / 10000) without overflow for any amount >= 0: split the amount at the basis. */
    static long shareOf(long amount, long bp) {
        return amount / BASIS * bp + amount % BASIS * bp / BASIS;
    }
}
