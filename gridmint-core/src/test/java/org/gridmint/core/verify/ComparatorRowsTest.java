package org.gridmint.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.core.verify.NpyFixtures.f4;
import static org.gridmint.core.verify.NpyFixtures.npy;

import java.util.SplittableRandom;
import org.gridmint.core.spec.Comparison;
import org.gridmint.core.spec.Comparison.Format;
import org.junit.jupiter.api.Test;

/** A cosine tolerance on a 2-D .npy is checked per row: each row is one item's vector, as an embed job writes them. */
class ComparatorRowsTest {
    private static final Comparison EMBED = new Comparison(Format.NPY, 0, 0, 0.9999);
    private final Blobs blobs = new Blobs();

    /** {@code rows} random unit vectors of {@code dims} floats, row-major. */
    private static float[] unitRows(int rows, int dims, long seed) {
        var rnd = new SplittableRandom(seed);
        float[] v = new float[rows * dims];
        for (int r = 0; r < rows; r++) {
            double norm = 0;
            for (int k = 0; k < dims; k++) {
                v[r * dims + k] = (float) rnd.nextGaussian();
                norm += v[r * dims + k] * v[r * dims + k];
            }
            for (int k = 0; k < dims; k++) v[r * dims + k] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    /** {@code v} with honest float noise: each value off by at most 1e-6 relative, as another machine's kernels give. */
    private static float[] noisy(float[] v, long seed) {
        var rnd = new SplittableRandom(seed);
        float[] out = v.clone();
        for (int k = 0; k < out.length; k++) out[k] *= (float) (1 + (rnd.nextDouble() - 0.5) * 2e-6);
        return out;
    }

    private Outputs embeddings(int rows, int dims, float[] v) {
        return blobs.result("embeddings.npy", npy("<f4", false, "(" + rows + ", " + dims + ")", f4(v)));
    }

    @Test
    void oneWrongRowAmongGoodOnes_isCaughtAndNamed_thoughTheWholeFilesCosineWouldPass() {
        int rows = 20_000;
        int dims = 4;
        float[] honest = unitRows(rows, dims, 1);
        float[] cheat = noisy(honest, 2);
        float[] other = unitRows(1, dims, 99);
        System.arraycopy(other, 0, cheat, 17 * dims, dims);

        Agreement a = Comparator.compare(EMBED, embeddings(rows, dims, honest), embeddings(rows, dims, cheat), blobs);

        assertThat(a.agrees()).isFalse();
        assertThat(a.evidence()).contains("embeddings.npy row 17: cosine ").contains(" < 0.9999 (the least of its 20000 rows, one per item)");
        assertThat(a.minCosine()).isLessThan(0.9999);
        double[] x = new double[honest.length];
        double[] y = new double[cheat.length];
        for (int k = 0; k < x.length; k++) {
            x[k] = honest[k];
            y[k] = cheat[k];
        }
        assertThat(Comparator.cosine(x, y)).as("over the whole file one bad vector hides").isGreaterThan(0.9999);
    }

    @Test
    void allRowsWithHonestNoise_agree_andTheEvidenceNamesTheWorstRow() {
        float[] honest = unitRows(50, 16, 3);

        Agreement a = Comparator.compare(EMBED, embeddings(50, 16, honest), embeddings(50, 16, noisy(honest, 4)), blobs);

        assertThat(a.agrees()).isTrue();
        assertThat(a.minCosine()).isGreaterThan(0.9999);
        assertThat(a.evidence()).containsPattern("min cosine [0-9.]+ \\(embeddings\\.npy row \\d+\\)");
    }

    @Test
    void aRowOfZerosAgainstAVector_isCaught() {
        float[] honest = unitRows(3, 4, 5);
        float[] zeroed = honest.clone();
        java.util.Arrays.fill(zeroed, 8, 12, 0f);

        Agreement a = Comparator.compare(EMBED, embeddings(3, 4, honest), embeddings(3, 4, zeroed), blobs);

        assertThat(a.agrees()).isFalse();
        assertThat(a.evidence()).contains("embeddings.npy row 2: cosine 0 < 0.9999");
    }

    @Test
    void differentShapesOfTheSameSize_disagreeNamingBoth() {
        float[] v = unitRows(2, 3, 6);

        Agreement a = Comparator.compare(EMBED, embeddings(2, 3, v), embeddings(3, 2, v), blobs);

        assertThat(a.agrees()).isFalse();
        assertThat(a.evidence()).contains("embeddings.npy has shape (2, 3) in one result and (3, 2) in the other");
    }

    @Test
    void oneDimensionalArrays_keepTheWholeFilesCosine() {
        Outputs a = blobs.result("v.npy", npy("<f4", false, "(4,)", f4(1, 0, 0, 0)));
        Outputs b = blobs.result("v.npy", npy("<f4", false, "(4,)", f4(1, 0, 0, 0.001f)));

        Agreement r = Comparator.compare(EMBED, a, b, blobs);

        assertThat(r.agrees()).isTrue();
        assertThat(r.evidence()).contains("min cosine").contains("(v.npy)").doesNotContain("row");
    }

    @Test
    void rawFloat32_isOneVectorPerFile_whateverItsLength() {
        Comparison c = new Comparison(Format.F32LE, 0, 0, 0.9999);

        Agreement r = Comparator.compare(c, blobs.result("v", f4(1, 0, 0, 1)), blobs.result("v", f4(1, 0, 0, -1)), blobs);

        assertThat(r.evidence()).contains("v has cosine similarity 0 < required 0.9999");
    }

    @Test
    void perRowCosine_andAnElementwiseTolerance_bothHold() {
        Comparison c = new Comparison(Format.NPY, 1e-3, 0, 0.9999);
        float[] honest = unitRows(4, 8, 7);
        float[] off = honest.clone();
        off[5] += 0.01f;

        Agreement r = Comparator.compare(c, embeddings(4, 8, honest), embeddings(4, 8, off), blobs);

        assertThat(r.agrees()).isFalse();
        assertThat(r.evidence()).contains("embeddings.npy[5] is");
    }
}
