package org.gridmint.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.core.verify.NpyFixtures.f4;
import static org.gridmint.core.verify.NpyFixtures.f8;
import static org.gridmint.core.verify.NpyFixtures.npy;

import org.gridmint.core.spec.Comparison;
import org.gridmint.core.spec.Comparison.Format;
import org.junit.jupiter.api.Test;

class ComparatorTest {
    private final Blobs blobs = new Blobs();

    private Agreement compare(Comparison c, Outputs a, Outputs b) {
        return Comparator.compare(c, a, b, blobs);
    }

    @Test
    void exact_equalDigests_agreeWithoutMeasuring() {
        Agreement a = compare(Comparison.EXACT, blobs.result("out.txt", "hi", "log", "x"), blobs.result("log", "x", "out.txt", "hi"));

        assertThat(a.agrees()).isTrue();
        assertThat(a.evidence()).isEqualTo("identical: 2 output file(s) with equal SHA-256 digests");
        assertThat(a.measured()).isFalse();
    }

    @Test
    void exact_anyByteDifferent_disagreesNamingTheFile() {
        Agreement a = compare(Comparison.EXACT, blobs.result("out.txt", "1.0", "log", "x"), blobs.result("out.txt", "1.00", "log", "x"));

        assertThat(a.agrees()).isFalse();
        assertThat(a.evidence()).startsWith("different bytes (exact comparison) in 1 of 2 file(s): out.txt (e.g. out.txt: ");
    }

    @Test
    void differentFileSets_disagreeWhateverTheFormat() {
        Agreement a = compare(Comparison.numeric(Format.JSON), blobs.result("a.json", "[1]"), blobs.result("a.json", "[1]", "b.json", "[2]"));

        assertThat(a.agrees()).isFalse();
        assertThat(a.evidence()).isEqualTo("different output files: only in the first result (none), only in the second b.json");
    }

    @Test
    void json_honestFloatNoise_agreesAndReportsTheDistances() {
        Agreement a = compare(Comparison.numeric(Format.JSON), blobs.result("r.json", "{\"loss\": 0.123456789, \"acc\": [0.5, 100.0]}"),
                blobs.result("r.json", "{\"loss\": 0.1234568, \"acc\": [0.5, 100.0001]}"));

        assertThat(a.agrees()).isTrue();
        assertThat(a.maxAbs()).isCloseTo(1e-4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(a.maxRel()).isCloseTo(1e-6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(a.evidence()).startsWith("agree within tolerance (json, relative 1.0E-5, absolute 1.0E-8): 1 file(s) compared; max |Δ| ")
                .contains("at r.json[2]", "max relative Δ");
    }

    @Test
    void json_wrongValue_disagreesNamingFileIndexAndAllowance() {
        Agreement a = compare(Comparison.numeric(Format.JSON), blobs.result("r.json", "[1, 2, 3]"), blobs.result("r.json", "[1, 2.5, 3]"));

        assertThat(a.agrees()).isFalse();
        assertThat(a.evidence()).contains("r.json[1] is 2 in one result and 2.5 in the other (|Δ| 0.5 > allowed 2.501e-05)");
        assertThat(a.maxAbs()).isEqualTo(0.5);
    }

    @Test
    void numeric_differentCounts_disagree() {
        Agreement a = compare(new Comparison(Format.F32LE, 1, 1, 0), blobs.result("v.bin", f4(1, 2)), blobs.result("v.bin", f4(1, 2, 3)));

        assertThat(a.agrees()).isFalse();
        assertThat(a.evidence()).contains("v.bin holds 2 numbers in one result and 3 in the other");
    }

    @Test
    void numeric_fileThatDoesNotParse_disagreesNamingFileAndWhy_neverThrows() {
        Agreement a = compare(Comparison.numeric(Format.NPY), blobs.result("x.npy", npy("<f4", false, "(1,)", f4(1))),
                blobs.result("x.npy", "not an array at all"));

        assertThat(a.agrees()).isFalse();
        assertThat(a.evidence()).contains("x.npy of the second result is not a .npy file");
    }

    @Test
    void numeric_byteIdenticalFiles_agreeWithoutParsing() {
        Agreement a = compare(Comparison.numeric(Format.NPY), blobs.result("x.npy", npy("<f4", false, "(1,)", f4(1)), "log.txt", "done"),
                blobs.result("x.npy", npy("<f4", false, "(1,)", f4(1.0000001f)), "log.txt", "done"));

        assertThat(a.agrees()).as("log.txt is no .npy but both results hold the same bytes").isTrue();
        assertThat(a.evidence()).contains("1 file(s) compared; 1 file(s) byte-identical");
    }

    @Test
    void nanEqualsNanOnly_andInfinityEqualsOnlyItself() {
        Comparison c = new Comparison(Format.F32LE, 1, 0.5, 0);
        assertThat(compare(c, blobs.result("v", f4(Float.NaN, Float.POSITIVE_INFINITY, 1)), blobs.result("v", f4(Float.NaN, Float.POSITIVE_INFINITY, 1.5f)))
                .agrees()).isTrue();
        assertThat(compare(c, blobs.result("v", f4(Float.NaN)), blobs.result("v", f4(0))).agrees()).isFalse();
        assertThat(compare(c, blobs.result("v", f4(Float.POSITIVE_INFINITY)), blobs.result("v", f4(Float.NEGATIVE_INFINITY))).agrees()).isFalse();
        assertThat(compare(c, blobs.result("v", f4(Float.POSITIVE_INFINITY)), blobs.result("v", f4(Float.MAX_VALUE))).agrees()).isFalse();
    }

    @Test
    void cosineOnly_acceptsScaledNoise_butNotAnotherDirection() {
        Comparison c = new Comparison(Format.NPY, 0, 0, 0.9999);
        Outputs a = blobs.result("emb.npy", npy("<f8", false, "(3,)", f8(0.6, 0.8, 0)));

        Agreement near = compare(c, a, blobs.result("emb.npy", npy("<f8", false, "(3,)", f8(0.6001, 0.7999, 0.0001))));
        Agreement far = compare(c, a, blobs.result("emb.npy", npy("<f8", false, "(3,)", f8(0.8, 0.6, 0))));

        assertThat(near.agrees()).isTrue();
        assertThat(near.minCosine()).isGreaterThan(0.9999);
        assertThat(near.evidence()).contains("min cosine", "(emb.npy)");
        assertThat(far.agrees()).isFalse();
        assertThat(far.evidence()).contains("emb.npy has cosine similarity 0.96 < required 0.9999");
    }

    @Test
    void cosineAndTolerance_bothMustHold() {
        Comparison c = new Comparison(Format.F32LE, 0.5, 0, 0.9999);
        Agreement a = compare(c, blobs.result("v", f4(1, 0)), blobs.result("v", f4(1, 0.4f)));

        assertThat(a.agrees()).as("within 0.5 elementwise, but the cosine is 0.93").isFalse();
    }

    @Test
    void cosine_ofHugeValues_doesNotOverflow_andOfZeroVectorsIsOne() {
        assertThat(Comparator.cosine(new double[] {1e300, 1e300}, new double[] {1e300, 1e300})).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Comparator.cosine(new double[] {0, 0}, new double[] {0, 0})).isEqualTo(1);
        assertThat(Comparator.cosine(new double[] {0, 0}, new double[] {0, 1})).isEqualTo(0);
    }

    @Test
    void zeroTolerance_numeric_acceptsTheSameValuesWrittenDifferently() {
        Comparison c = new Comparison(Format.JSON, 0, 0, 0);

        assertThat(compare(c, blobs.result("r", "[1.0, 2e0]"), blobs.result("r", "[1, 2]")).agrees()).isTrue();
        assertThat(compare(c, blobs.result("r", "[1.0]"), blobs.result("r", "[1.0000001]")).agrees()).isFalse();
    }
}
