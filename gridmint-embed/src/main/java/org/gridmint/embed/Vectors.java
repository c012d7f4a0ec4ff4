package org.gridmint.embed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The vector formats: NumPy {@code .npy} (little-endian float32 {@code <f4}, shape (rows, dimensions), C order) for task
 * outputs and results, and base64 of little-endian float32 rows for the wire (as OpenAI's {@code encoding_format: base64}).
 *
 * <p>The .npy layout is NumPy's format version 1.0: the magic {@code \x93NUMPY}, version bytes 1 0, a little-endian
 * uint16 header length, then the header dict in ASCII padded with spaces and ended by '\n' so the data starts on a
 * 64-byte boundary, then the rows.
 */
public final class Vectors {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    private static final int MAX_HEADER = 64 * 1024;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Vectors() {}

    /** The rows as a 2-D {@code <f4} .npy; every row must have the same length (no rows gives shape (0, 0)). */
    public static byte[] toNpy(float[][] rows) {
        if (rows == null) throw new IllegalArgumentException("rows: required");
        int dims = rows.length == 0 ? 0 : requireRow(rows[0], 0).length;
        for (int i = 1; i < rows.length; i++) {
            if (requireRow(rows[i], i).length != dims) {
                throw new IllegalArgumentException("rows[" + i + "]: has " + rows[i].length + " values, rows[0] has " + dims);
            }
        }
        byte[] header = npyHeader(rows.length, dims);
        long size = (long) header.length + (long) rows.length * dims * Float.BYTES;
        if (size > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("rows: too large for one .npy (" + size + " bytes)");
        ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        out.put(header);
        for (float[] row : rows) for (float v : row) out.putFloat(v);
        return out.array();
    }

    /** Reads a 2-D {@code <f4} .npy; anything else is an IllegalArgumentException naming what it found. */
    public static float[][] fromNpy(byte[] npy) {
        if (npy == null) throw new IllegalArgumentException("npy: required");
        NpyShape shape;
        try {
            shape = readNpyHeader(new ByteArrayInputStream(npy));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail to read
        }
        if (npy.length - shape.dataOffset() != shape.dataBytes()) {
            throw new IllegalArgumentException("npy: shape (" + shape.rows() + ", " + shape.dims() + ") needs " + shape.dataBytes()
                    + " data bytes, the file has " + (npy.length - shape.dataOffset()));
        }
        return readRows(ByteBuffer.wrap(npy).position(shape.dataOffset()), shape.rows(), shape.dims());
    }

    /**
     * The shape of a 2-D {@code <f4} .npy and where its rows start, from its header alone, so a large file can be checked
     * and streamed without loading it. The stream is left at the first row.
     *
     * @throws IllegalArgumentException naming what is wrong: no magic, an unknown version, another dtype, Fortran order,
     *     not 2-D
     */
    public static NpyShape readNpyHeader(InputStream in) throws IOException {
        byte[] start = in.readNBytes(10);
        if (start.length < 10 || !startsWithMagic(start)) throw new IllegalArgumentException("npy: not a .npy file (no \\x93NUMPY magic)");
        int major = start[6];
        long headerLength;
        int prefix;
        if (major == 1) {
            headerLength = (start[8] & 0xff) | (start[9] & 0xff) << 8;
            prefix = 10;
        } else if (major == 2 || major == 3) {
            byte[] more = in.readNBytes(2);
            if (more.length < 2) throw new IllegalArgumentException("npy: truncated header");
            headerLength = (start[8] & 0xffL) | (start[9] & 0xffL) << 8 | (more[0] & 0xffL) << 16 | (more[1] & 0xffL) << 24;
            prefix = 12;
        } else {
            throw new IllegalArgumentException("npy: unsupported format version " + major + "." + start[7]);
        }
        if (headerLength > MAX_HEADER) throw new IllegalArgumentException("npy: a header of " + headerLength + " bytes is implausibly long");
        byte[] bytes = in.readNBytes((int) headerLength);
        if (bytes.length < headerLength) throw new IllegalArgumentException("npy: header length " + headerLength + " runs past the end of the file");
        String header = new String(bytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = find(DESCR, header, "descr");
        if (!descr.equals("<f4")) {
            throw new IllegalArgumentException("npy: dtype '" + descr + "' is not supported (expected '<f4', little-endian float32)");
        }
        if (find(FORTRAN, header, "fortran_order").equals("True")) {
            throw new IllegalArgumentException("npy: fortran_order True is not supported (expected C order)");
        }
        int[] shape = shape(find(SHAPE, header, "shape"));
        return new NpyShape(shape[0], shape[1], prefix + (int) headerLength);
    }

    /**
     * A 2-D {@code <f4} .npy's shape and layout.
     *
     * @param dataOffset where the rows start: the length of magic, version, header length and header
     */
    public record NpyShape(int rows, int dims, int dataOffset) {
        /** Bytes of the rows the header announces. */
        public long dataBytes() {
            return (long) rows * dims * Float.BYTES;
        }
    }

    /** One row as base64 of its little-endian float32 values. */
    public static String toBase64(float[] row) {
        requireRow(row, 0);
        ByteBuffer buf = ByteBuffer.allocate(row.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : row) buf.putFloat(v);
        return Base64.getEncoder().encodeToString(buf.array());
    }

    /** The row that {@link #toBase64} wrote. */
    public static float[] fromBase64(String base64) {
        if (base64 == null) throw new IllegalArgumentException("base64: required");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("base64: not valid base64: " + e.getMessage(), e);
        }
        if (bytes.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("base64: " + bytes.length + " bytes is not a whole number of float32 values");
        }
        float[] row = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(row);
        return row;
    }

    /**
     * The cosine of the angle between {@code a} and {@code b}, computed in double. Two all-zero vectors count as the same
     * (1.0); one all-zero vector against another is 0.0; a NaN anywhere gives NaN, which fails any tolerance.
     */
    public static double cosine(float[] a, float[] b) {
        if (a == null || b == null) throw new IllegalArgumentException("cosine: both vectors required");
        if (a.length != b.length) throw new IllegalArgumentException("cosine: lengths differ (" + a.length + " and " + b.length + ")");
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        if (Double.isNaN(dot) || Double.isNaN(na) || Double.isNaN(nb)) return Double.NaN;
        if (na == 0 && nb == 0) return 1.0;
        if (na == 0 || nb == 0) return 0.0;
        return dot / (Math.sqrt(na) * Math.sqrt(nb));
    }

    /** The v1.0 header for shape (rows, dims), padded so the data starts on a 64-byte boundary; the rows follow it. */
    public static byte[] npyHeader(int rows, int dims) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + dims + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (ALIGN - unpadded % ALIGN) % ALIGN;
        String text = dict + " ".repeat(padding) + "\n";
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        out.put(text.getBytes(StandardCharsets.US_ASCII));
        return out.array();
    }

    private static float[][] readRows(ByteBuffer in, int rows, int dims) {
        float[][] out = new float[rows][dims];
        FloatBuffer floats = in.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (float[] row : out) floats.get(row);
        return out;
    }

    private static int[] shape(String tuple) {
        String[] parts = tuple.split(",");
        int n = 0;
        int[] dims = new int[parts.length];
        for (String p : parts) {
            String s = p.strip();
            if (s.isEmpty()) continue;
            try {
                dims[n++] = Integer.parseInt(s.endsWith("L") ? s.substring(0, s.length() - 1) : s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("npy: shape (" + tuple + ") is not a tuple of integers");
            }
        }
        if (n != 2) throw new IllegalArgumentException("npy: shape (" + tuple + ") is " + n + "-D, expected 2-D (rows, dimensions)");
        if (dims[0] < 0 || dims[1] < 0) throw new IllegalArgumentException("npy: shape (" + tuple + ") is negative");
        return new int[] {dims[0], dims[1]};
    }

    private static String find(Pattern pattern, String header, String key) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) throw new IllegalArgumentException("npy: header has no '" + key + "': " + header.strip());
        return m.group(1);
    }

    private static boolean startsWithMagic(byte[] npy) {
        for (int i = 0; i < MAGIC.length; i++) if (npy[i] != MAGIC[i]) return false;
        return true;
    }

    private static float[] requireRow(float[] row, int i) {
        if (row == null) throw new IllegalArgumentException("rows[" + i + "]: null");
        return row;
    }
}
