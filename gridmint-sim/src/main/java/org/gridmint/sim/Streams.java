package org.gridmint.sim;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from the scenario's seed, one per purpose and per provider slot. Because a slot's
 * failures come from its own stream, every policy sees the same machines fail at the same instants: the comparison is
 * between policies, not between lucky and unlucky draws.
 */
final class Streams {
    static final long WORKLOAD = 1;
    static final long PROVIDER = 2;
    static final long FAILURES = 3;
    static final long NAIVE = 4;
    static final long ROLES = 5;
    static final long CHEATS = 6;
    static final long VERIFY = 7;

    private Streams() {}

    /** The stream for {@code purpose} and {@code index} under {@code seed}. */
    static SplittableRandom of(long seed, long purpose, long index) {
        return new SplittableRandom(mix(mix(seed ^ 0x9E3779B97F4A7C15L * purpose) + index));
    }

    /** SplitMix64's finaliser: nearby inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
