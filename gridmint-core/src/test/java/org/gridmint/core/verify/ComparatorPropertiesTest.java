package org.gridmint.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.core.verify.NpyFixtures.f4;

import java.util.random.RandomGenerator;
import org.gridmint.core.RandomCases;
import org.gridmint.core.spec.Comparison;
import org.gridmint.core.spec.Comparison.Format;
import org.junit.jupiter.api.Test;

class ComparatorPropertiesTest {
    private static final int CASES = 500;

    record Pair(Comparison c, float[] a, float[] b) {}

    /** Two float vectors, the second the first with noise of a random size, sometimes a different length or NaN/Inf. */
    private static Pair pair(RandomGenerator r) {
        int n = r.nextInt(0, 40);
        float[] a = new float[n];
        float[] b = new float[r.nextInt(10) == 0 ? n + 1 : n];
        double noise = Math.pow(10, -r.nextInt(1, 9));
        for (int i = 0; i < b.length; i++) {
            float v = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-3, 4)));
            if (r.nextInt(50) == 0) v = r.nextBoolean() ? Float.NaN : Float.POSITIVE_INFINITY;
            if (i < n) a[i] = v;
            b[i] = (float) (v * (1 + r.nextGaussian() * noise));
        }
        var c = switch (r.nextInt(3)) {
            case 0 -> Comparison.numeric(Format.F32LE);
            case 1 -> new Comparison(Format.F32LE, 0, 0, 1 - noise * r.nextDouble(0.1, 10));
            default -> new Comparison(Format.F32LE, r.nextDouble(0, 1e-3), r.nextDouble(0, 1e-3), r.nextBoolean() ? 0 : 0.999);
        };
        return new Pair(c, a, b);
    }

    @Test
    void compare_isSymmetric() {
        RandomCases.forEach(CASES, 0x53594D4DL, ComparatorPropertiesTest::pair, p -> {
            var blobs = new Blobs();
            Outputs a = blobs.result("v.bin", f4(p.a()));
            Outputs b = blobs.result("v.bin", f4(p.b()));
            Agreement ab = Comparator.compare(p.c(), a, b, blobs);
            Agreement ba = Comparator.compare(p.c(), b, a, blobs);

            assertThat(ba.agrees()).isEqualTo(ab.agrees());
            assertThat(ba.maxAbs()).isEqualTo(ab.maxAbs());
            assertThat(ba.maxRel()).isEqualTo(ab.maxRel());
            assertThat(ba.minCosine()).isEqualTo(ab.minCosine());
        });
    }

    @Test
    void honestNoiseBelowTheTolerance_alwaysAgrees() {
        RandomCases.forEach(CASES, 0x484F4E45L, r -> {
            int n = r.nextInt(1, 200);
            float[] a = new float[n];
            float[] b = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-6, 7)));
                // float32 rounding of a value moved by up to 1e-6 relative: what a different GPU's summation order does
                b[i] = (float) (a[i] * (1 + r.nextDouble(-1e-6, 1e-6)));
            }
            return new float[][] {a, b};
        }, v -> {
            var blobs = new Blobs();
            Agreement agreement = Comparator.compare(Comparison.numeric(Format.F32LE), blobs.result("v.bin", f4(v[0])), blobs.result("v.bin", f4(v[1])), blobs);

            assertThat(agreement.agrees()).as(agreement.evidence()).isTrue();
            assertThat(agreement.maxRel()).isLessThanOrEqualTo(Comparison.DEFAULT_RELATIVE);
        });
    }

    @Test
    void theSameNumbersWrittenDifferently_agreeUnderAnyTolerance() {
        RandomCases.forEach(CASES, 0x53454C46L, ComparatorPropertiesTest::pair, p -> {
            var blobs = new Blobs();
            StringBuilder shortest = new StringBuilder("[");
            StringBuilder plain = new StringBuilder("{\"values\": [");
            for (int i = 0; i < p.a().length; i++) {
                double v = p.a()[i];
                String sep = i == 0 ? "" : ", ";
                shortest.append(sep).append(Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? "Infinity" : Double.toString(v));
                plain.append(sep).append(Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? "Infinity" : new java.math.BigDecimal(v).toPlainString());
            }
            Outputs a = blobs.result("r.json", shortest.append("]").toString());
            Outputs b = blobs.result("r.json", plain.append("], \"note\": \"12.5\"}").toString());
            var c = new Comparison(Format.JSON, p.c().absolute(), p.c().relative(), p.c().minCosine());

            Agreement agreement = Comparator.compare(c, a, b, blobs);
            assertThat(agreement.agrees()).as(agreement.evidence()).isTrue();
            if (c.elementwise()) assertThat(agreement.maxAbs()).isZero();
        });
    }
}
