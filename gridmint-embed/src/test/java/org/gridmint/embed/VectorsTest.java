package org.gridmint.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The .npy and base64 vector formats, byte for byte, and cosine. */
class VectorsTest {
    static final float[][] ROWS = {{1f, -2.5f, 3.25f}, {0f, Float.MIN_VALUE, -0f}};

    @Test
    void toNpy_thenFromNpy_givesTheSameRows() {
        float[][] back = Vectors.fromNpy(Vectors.toNpy(ROWS));
        assertThat(back.length).isEqualTo(2);
        for (int i = 0; i < ROWS.length; i++) assertThat(back[i]).isEqualTo(ROWS[i]);
    }

    @Test
    void toNpy_writesNumpyFormat1Header_alignedTo64Bytes() {
        byte[] npy = Vectors.toNpy(ROWS);
        assertThat(Arrays.copyOf(npy, 8)).isEqualTo(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        int headerLength = Short.toUnsignedInt(ByteBuffer.wrap(npy, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort());
        assertThat((10 + headerLength) % 64).isZero();
        String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }").endsWith("\n");
        assertThat(header.strip()).isEqualTo("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
        assertThat(npy.length).isEqualTo(10 + headerLength + 2 * 3 * 4);
        // Data: row-major little-endian float32.
        ByteBuffer data = ByteBuffer.wrap(npy, 10 + headerLength, 24).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(data.getFloat()).isEqualTo(1f);
        assertThat(data.getFloat()).isEqualTo(-2.5f);
    }

    @Test
    void toNpy_matchesWhatNumpyWrites() {
        // Bytes of numpy 2.4: np.save(f, np.array([[1, 2]], dtype='<f4')); the header is padded to 118 bytes.
        byte[] npy = Vectors.toNpy(new float[][] {{1f, 2f}});
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }";
        String header = dict + " ".repeat(118 - dict.length() - 1) + "\n";
        ByteBuffer expected = ByteBuffer.allocate(128 + 8).order(ByteOrder.LITTLE_ENDIAN);
        expected.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) 118)
                .put(header.getBytes(StandardCharsets.US_ASCII)).putFloat(1f).putFloat(2f);
        assertThat(npy).isEqualTo(expected.array());
    }

    @Test
    void toNpy_rejectsRaggedRows() {
        assertThatThrownBy(() -> Vectors.toNpy(new float[][] {{1f, 2f}, {1f}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows[1]");
    }

    @Test
    void fromNpy_readsVersion2HeadersAndOtherKeyOrders() {
        String dict = "{'shape': (1, 2), 'fortran_order': False, 'descr': '<f4'}\n";
        ByteBuffer npy = ByteBuffer.allocate(12 + dict.length() + 8).order(ByteOrder.LITTLE_ENDIAN);
        npy.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(dict.length())
                .put(dict.getBytes(StandardCharsets.US_ASCII)).putFloat(0.5f).putFloat(-1f);
        assertThat(Vectors.fromNpy(npy.array())[0]).containsExactly(0.5f, -1f);
    }

    @Test
    void fromNpy_rejectsOtherDtypes() {
        assertThatThrownBy(() -> Vectors.fromNpy(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1), }", 8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'<f8'");
        assertThatThrownBy(() -> Vectors.fromNpy(npy("{'descr': '>f4', 'fortran_order': False, 'shape': (1, 1), }", 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'>f4'");
    }

    @Test
    void fromNpy_rejectsFortranOrder() {
        assertThatThrownBy(() -> Vectors.fromNpy(npy("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 1), }", 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fortran_order");
    }

    @Test
    void fromNpy_rejectsOtherShapes_andShortData() {
        assertThatThrownBy(() -> Vectors.fromNpy(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", 12)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1-D");
        assertThatThrownBy(() -> Vectors.fromNpy(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", 12)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 data bytes");
        assertThatThrownBy(() -> Vectors.fromNpy("not numpy at all".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("magic");
    }

    @Test
    void base64_isLittleEndianFloat32_andRoundTrips() {
        assertThat(Vectors.toBase64(new float[] {1f})).isEqualTo("AACAPw==");
        float[] row = {0.1f, -7f, Float.MAX_VALUE};
        assertThat(Vectors.fromBase64(Vectors.toBase64(row))).isEqualTo(row);
        assertThatThrownBy(() -> Vectors.fromBase64("AACA")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 bytes");
    }

    @Test
    void cosine_ofParallelOrthogonalAndOppositeVectors() {
        assertThat(Vectors.cosine(new float[] {1, 2}, new float[] {2, 4})).isCloseTo(1.0, within(1e-12));
        assertThat(Vectors.cosine(new float[] {1, 0}, new float[] {0, 3})).isCloseTo(0.0, within(1e-12));
        assertThat(Vectors.cosine(new float[] {1, 1}, new float[] {-1, -1})).isCloseTo(-1.0, within(1e-12));
        assertThat(Vectors.cosine(new float[] {0, 0}, new float[] {0, 0})).isEqualTo(1.0);
        assertThat(Vectors.cosine(new float[] {0, 0}, new float[] {1, 0})).isEqualTo(0.0);
        assertThat(Vectors.cosine(new float[] {Float.NaN, 0}, new float[] {1, 0})).isNaN();
        assertThatThrownBy(() -> Vectors.cosine(new float[] {1}, new float[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lengths differ");
    }

    /** A v1.0 .npy with {@code dict} as its header and {@code dataBytes} zero bytes of data. */
    private static byte[] npy(String dict, int dataBytes) {
        String header = dict + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }
}
