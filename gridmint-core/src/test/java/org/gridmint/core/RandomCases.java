package org.gridmint.core;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Property checks over seeded random inputs, in plain JUnit. Each case gets its own generator, seeded from the
 * base seed and the case's number, so a failure names the one seed (and the input) that replays it:
 * {@code RandomCases.replay(seed, generate, check)}.
 */
public final class RandomCases {
    private static final RandomGeneratorFactory<RandomGenerator> ALGORITHM = RandomGeneratorFactory.of("L64X128MixRandom");

    private RandomCases() {}

    /** Generates {@code cases} inputs and checks each; the first failure is rethrown with its case's seed and input. */
    public static <T> void forEach(int cases, long baseSeed, Function<RandomGenerator, T> generate, Consumer<? super T> check) {
        for (int i = 0; i < cases; i++) run("case " + (i + 1) + " of " + cases, caseSeed(baseSeed, i), generate, check);
    }

    /** Runs the one case that a failure of {@link #forEach} named by its seed. */
    public static <T> void replay(long caseSeed, Function<RandomGenerator, T> generate, Consumer<? super T> check) {
        run("replayed case", caseSeed, generate, check);
    }

    /**
     * A long in {@code [min, max]}: a bound one time in ten, else uniform or, as often, a value of random bit length
     * near 0, so that small values, large ones and the edges all turn up (as a uniform draw alone would not).
     */
    public static long between(RandomGenerator r, long min, long max) {
        if (min > max) throw new IllegalArgumentException("min " + min + " > max " + max);
        int pick = r.nextInt(10);
        if (pick == 0) return r.nextBoolean() ? min : max;
        if (pick <= 4) return uniform(r, min, max);
        long reach = Math.max(min == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(min), Math.abs(max));
        int bits = 64 - Long.numberOfLeadingZeros(reach);
        long magnitude = bits == 0 ? 0 : r.nextLong() >>> (64 - r.nextInt(1, bits + 1));
        long v = min < 0 && (max <= 0 || r.nextBoolean()) ? -magnitude : magnitude;
        return v < min || v > max ? uniform(r, min, max) : v;
    }

    private static long uniform(RandomGenerator r, long min, long max) {
        if (max < Long.MAX_VALUE) return r.nextLong(min, max + 1);
        return min == Long.MIN_VALUE ? r.nextLong() : r.nextLong(min - 1, max) + 1;
    }

    private static long caseSeed(long baseSeed, int caseNumber) {
        long z = baseSeed + (caseNumber + 1) * 0x9E3779B97F4A7C15L; // SplitMix64 step and finalizer
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static <T> void run(String which, long seed, Function<RandomGenerator, T> generate, Consumer<? super T> check) {
        T input = null;
        try {
            input = generate.apply(ALGORITHM.create(seed));
            check.accept(input);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(which + " failed; replay with RandomCases.replay(" + seed + "L, ..)\n  input: " + input
                    + "\n  " + e.getMessage(), e);
        }
    }
}
