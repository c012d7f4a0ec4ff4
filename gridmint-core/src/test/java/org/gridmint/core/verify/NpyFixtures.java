package org.gridmint.core.verify;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** .npy files as NumPy writes them: real files saved by NumPy 2.4 (as hex), and a writer of the same layout for generated cases. */
final class NpyFixtures {
    private NpyFixtures() {}

    /** np.save(f, np.array([[1.5, -2, 3], [4, 5, 6.25]], dtype='<f4')). */
    static final byte[] F4_2X3 = hex("934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a20"
            + "28322c2033292c207d202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020"
            + "202020202020200a0000c03f000000c000004040000080400000a0400000c840");
    /** np.save(f, np.array([0.1, -1e300, np.nan], dtype='<f8')). */
    static final byte[] F8 = hex("934e554d5059010076007b276465736372273a20273c6638272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a20"
            + "28332c292c207d2020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020"
            + "202020202020200a9a9999999999b93f9c7500883ce437fe000000000000f87f");
    /** np.save(f, np.array([1, 2], dtype='>f4')): big-endian. */
    static final byte[] BIG_ENDIAN = hex("934e554d5059010076007b276465736372273a20273e6634272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a20"
            + "28322c292c207d2020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020"
            + "202020202020200a3f80000040000000");
    /** np.save(f, np.asfortranarray(np.arange(4, dtype='<f4').reshape(2, 2))). */
    static final byte[] FORTRAN = hex("934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a20547275652c20277368617065273a2028"
            + "322c2032292c207d20202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020"
            + "202020202020200a00000000000000400000803f00004040");
    /** numpy.lib.format.write_array(f, np.array([1, 2], dtype='<f4'), version=(3, 0)). */
    static final byte[] V3 = hex("934e554d50590300740000007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2046616c73652c2027736861706527"
            + "3a2028322c292c207d202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020"
            + "202020202020200a0000803f00000040");
    /** np.save(f, np.zeros(1, dtype=[('x', '<f4')])): a structured array. */
    static final byte[] STRUCTURED = hex("934e554d5059010076007b276465736372273a205b282778272c20273c663427295d2c2027666f727472616e5f6f72646572273a2046616c73652c20"
            + "277368617065273a2028312c292c207d2020202020202020202020202020202020202020202020202020202020202020202020202020202020202020"
            + "202020202020200a00000000");

    /** A version 1 .npy file laid out as np.save lays it out: the header padded with spaces to a multiple of 64 bytes, then '\n'. */
    static byte[] npy(String descr, boolean fortran, String shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length()).array());
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] f4(float... values) {
        var b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putFloat(v);
        return b.array();
    }

    static byte[] f8(double... values) {
        var b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) b.putDouble(v);
        return b.array();
    }

    static byte[] i4(int... values) {
        var b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) b.putInt(v);
        return b.array();
    }

    static byte[] i8(long... values) {
        var b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) b.putLong(v);
        return b.array();
    }

    static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }
}
