package org.gridmint.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.core.verify.NpyFixtures.f4;
import static org.gridmint.core.verify.NpyFixtures.f8;
import static org.gridmint.core.verify.NpyFixtures.i4;
import static org.gridmint.core.verify.NpyFixtures.i8;
import static org.gridmint.core.verify.NpyFixtures.npy;

import java.nio.charset.StandardCharsets;
import org.gridmint.core.spec.Comparison.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumericOutputsTest {

    private static double[] json(String doc) throws MalformedOutputException {
        return NumericOutputs.parse(Format.JSON, doc.getBytes(StandardCharsets.UTF_8));
    }

    private static String jsonError(String doc) {
        try {
            json(doc);
        } catch (MalformedOutputException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected '" + doc + "' to be refused");
    }

    @Test
    void json_readsEveryNumberInDocumentOrder_skippingKeysAndStrings() throws Exception {
        String doc = """
                {"1.5": [1, -2.5e3, {"x": 0.25, "label": "42", "ok": true, "none": null}],
                 "scores": [[3E-2], []], "n": -0, "esc": "a\\"7\\u00e9", "9": {}}
                """;

        assertThat(json(doc)).containsExactly(1, -2500, 0.25, 0.03, -0.0);
    }

    @Test
    void json_readsPythonsNanAndInfinity_becausePythonWritesThem() throws Exception {
        double[] v = json("[NaN, Infinity, -Infinity, 1]");

        assertThat(v[0]).isNaN();
        assertThat(v).endsWith(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1);
    }

    @Test
    void json_scalarAndDeepNesting_areDocuments() throws Exception {
        assertThat(json(" 7 ")).containsExactly(7);
        assertThat(json("[".repeat(5_000) + "3" + "]".repeat(5_000))).containsExactly(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[1,]", "[1 2]", "{\"a\" 1}", "{1: 2}", "[01]", "[1.]", "[.5]", "[1e]", "\"open", "[tru]", "[1] x", "{\"a\":1",
            "[\"\\x\"]", "[+1]"})
    void json_malformedDocuments_areRefusedWithWhereAndWhy(String doc) {
        assertThat(jsonError(doc)).startsWith("is not valid JSON at byte ");
    }

    @Test
    void json_tooDeep_isRefusedRatherThanOverflowingTheStack() {
        assertThat(jsonError("[".repeat(20_000) + "]".repeat(20_000))).contains("nested more than 10000 deep");
    }

    @Test
    void f32le_readsLittleEndianFloats() throws Exception {
        assertThat(NumericOutputs.parse(Format.F32LE, f4(1.5f, -0.1f, Float.NaN))).satisfies(v -> {
            assertThat(v).hasSize(3);
            assertThat(v[0]).isEqualTo(1.5);
            assertThat(v[1]).isEqualTo((double) -0.1f);
            assertThat(v[2]).isNaN();
        });
        assertThat(NumericOutputs.parse(Format.F32LE, new byte[0])).isEmpty();
    }

    @Test
    void f32le_partialValue_isRefused() {
        assertThatThrownBy(() -> NumericOutputs.parse(Format.F32LE, new byte[6]))
                .isInstanceOf(MalformedOutputException.class).hasMessage("is 6 bytes, not a whole number of float32 values (4 bytes each)");
    }

    @Test
    void npy_realNumpyFiles_readInCOrder() throws Exception {
        assertThat(NumericOutputs.parse(Format.NPY, NpyFixtures.F4_2X3)).containsExactly(1.5, -2, 3, 4, 5, 6.25);
        double[] f8 = NumericOutputs.parse(Format.NPY, NpyFixtures.F8);
        assertThat(f8[0]).isEqualTo(0.1);
        assertThat(f8[1]).isEqualTo(-1e300);
        assertThat(f8[2]).isNaN();
        assertThat(NumericOutputs.parse(Format.NPY, NpyFixtures.V3)).containsExactly(1, 2);
    }

    @Test
    void npy_writerOfTheTests_laysOutFilesAsNumpyDoes() {
        assertThat(npy("<f4", false, "(2, 3)", f4(1.5f, -2, 3, 4, 5, 6.25f))).isEqualTo(NpyFixtures.F4_2X3);
    }

    @Test
    void npy_readsEachSupportedDtype() throws Exception {
        assertThat(NumericOutputs.parse(Format.NPY, npy("<f8", false, "(2,)", f8(0.5, -3)))).containsExactly(0.5, -3);
        assertThat(NumericOutputs.parse(Format.NPY, npy("<i4", false, "(2,)", i4(-7, Integer.MAX_VALUE)))).containsExactly(-7, Integer.MAX_VALUE);
        assertThat(NumericOutputs.parse(Format.NPY, npy("<i8", false, "(2,)", i8(-(1L << 40), 9)))).containsExactly(-(double) (1L << 40), 9);
        assertThat(NumericOutputs.parse(Format.NPY, npy("<f8", false, "()", f8(2.5)))).as("a 0-d array holds one value").containsExactly(2.5);
        assertThat(NumericOutputs.parse(Format.NPY, npy("<f4", false, "(0, 3)", new byte[0]))).isEmpty();
        assertThat(NumericOutputs.parse(Format.NPY, npy("<f4", true, "(2,)", f4(1, 2)))).as("1-d Fortran order is the same bytes").containsExactly(1, 2);
    }

    @Test
    void npy_bigEndian_isRefusedWithHowToSaveIt() {
        assertThatThrownBy(() -> NumericOutputs.parse(Format.NPY, NpyFixtures.BIG_ENDIAN))
                .hasMessage("is big-endian ('>f4'); save it little-endian, e.g. a.astype('<f4')");
    }

    @Test
    void npy_objectStructuredAndOtherDtypes_areRefused() {
        assertThatThrownBy(() -> NumericOutputs.parse(Format.NPY, npy("|O", false, "(2,)", new byte[16]))).hasMessageContaining("object array");
        assertThatThrownBy(() -> NumericOutputs.parse(Format.NPY, NpyFixtures.STRUCTURED)).hasMessageContaining("structured dtype");
        assertThatThrownBy(() -> NumericOutputs.parse(Format.NPY, npy("|u1", false, "(1,)", new byte[1])))
                .hasMessage("has dtype '|u1'; only <f4, <f8, <i4 and <i8 are compared, e.g. save a.astype('<f4')");
    }

    @Test
    void npy_fortranOrderOfAMatrix_isRefused() {
        assertThatThrownBy(() -> NumericOutputs.parse(Format.NPY, NpyFixtures.FORTRAN))
                .hasMessage("is in Fortran order; save it in C order, e.g. np.save(f, np.ascontiguousarray(a))");
    }

    @Test
    void npy_dataThatDoesNotFitTheShape_isRefused() {
        assertThatThrownBy(() -> NumericOutputs.parse(Format.NPY, npy("<f4", false, "(3,)", f4(1, 2))))
                .hasMessage("has shape [3] of <f4 (12 bytes of data) but holds 8 bytes of data");
        assertThatThrownBy(() -> NumericOutputs.parse(Format.NPY, npy("<f4", false, "(99999999999, 99999999999)", new byte[0])))
                .hasMessageContaining("more than");
    }

    @Test
    void npy_notNpyOrTruncated_isRefused() {
        assertThatThrownBy(() -> NumericOutputs.parse(Format.NPY, "[1, 2]".getBytes(StandardCharsets.UTF_8))).hasMessage("is 6 bytes, too short for a .npy file");
        assertThatThrownBy(() -> NumericOutputs.parse(Format.NPY, "[1, 2, 3, 4, 5]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("is not a .npy file (it does not start with \\x93NUMPY)");
        byte[] cut = java.util.Arrays.copyOf(NpyFixtures.F4_2X3, 60);
        assertThatThrownBy(() -> NumericOutputs.parse(Format.NPY, cut)).hasMessage("declares a 118-byte header but the file is 60 bytes");
        assertThatThrownBy(() -> NumericOutputs.parse(Format.NPY, npy("<f4", false, "(2, x)", f4(1, 2)))).hasMessageContaining("shape");
    }

    @Test
    void exactFormat_hasNoNumbers() {
        assertThatThrownBy(() -> NumericOutputs.parse(Format.EXACT, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
