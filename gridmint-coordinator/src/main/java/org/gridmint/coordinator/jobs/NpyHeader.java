package org.gridmint.coordinator.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a 2-D little-endian float32 NumPy file (what embed tasks write), read without loading the rows, and
 * written for the concatenation of several: results are streamed, so only headers are ever parsed here.
 *
 * @param rows the first dimension of its shape
 * @param dims the second
 * @param dataOffset where the rows start: the length of magic, version, header length and header
 */
record NpyHeader(int rows, int dims, int dataOffset) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,?\\s*\\)");
    private static final int MAX_HEADER = 64 * 1024;

    /** Bytes of the rows the header announces. */
    long dataBytes() {
        return (long) rows * dims * Float.BYTES;
    }

    /**
     * The header of {@code file}, checked against the file's size.
     *
     * @throws IllegalArgumentException saying what is wrong: not .npy, not {@code <f4}, Fortran order, not 2-D, or a size
     *     that does not match the shape
     */
    static NpyHeader read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(10);
            if (start.length < 10) throw new IllegalArgumentException("too short for a .npy file (" + start.length + " bytes)");
            for (int k = 0; k < MAGIC.length; k++)
                if (start[k] != MAGIC[k]) throw new IllegalArgumentException("not a .npy file (no \\x93NUMPY magic)");
            int major = start[6] & 0xff;
            int headerLen;
            int prefix;
            if (major == 1) {
                headerLen = (start[8] & 0xff) | (start[9] & 0xff) << 8;
                prefix = 10;
            } else if (major == 2 || major == 3) {
                byte[] more = in.readNBytes(2);
                if (more.length < 2) throw new IllegalArgumentException("truncated .npy header");
                long len = (start[8] & 0xffL) | (start[9] & 0xffL) << 8 | (more[0] & 0xffL) << 16 | (more[1] & 0xffL) << 24;
                if (len > MAX_HEADER) throw new IllegalArgumentException(".npy header of " + len + " bytes is implausibly long");
                headerLen = (int) len;
                prefix = 12;
            } else {
                throw new IllegalArgumentException("unknown .npy version " + major);
            }
            byte[] header = in.readNBytes(headerLen);
            if (header.length < headerLen) throw new IllegalArgumentException("truncated .npy header");
            String h = new String(header, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Matcher descr = DESCR.matcher(h);
            if (!descr.find() || !descr.group(1).equals("<f4"))
                throw new IllegalArgumentException("dtype must be '<f4' (little-endian float32), was " + (descr.find(0) ? "'" + descr.group(1) + "'" : "missing"));
            Matcher fortran = FORTRAN.matcher(h);
            if (fortran.find() && fortran.group(1).equals("True")) throw new IllegalArgumentException("must be in C order, was Fortran order");
            Matcher shape = SHAPE.matcher(h);
            if (!shape.find()) throw new IllegalArgumentException("shape must be 2-D (rows, dimensions), header was " + h.strip());
            var npy = new NpyHeader(Integer.parseInt(shape.group(1)), Integer.parseInt(shape.group(2)), prefix + headerLen);
            long size = Files.size(file);
            if (size != npy.dataOffset() + npy.dataBytes())
                throw new IllegalArgumentException("holds " + (size - npy.dataOffset()) + " bytes of rows, but its shape (" + npy.rows() + ", " + npy.dims()
                        + ") needs " + npy.dataBytes());
            return npy;
        }
    }

    /** A version 1.0 header for {@code rows} rows of {@code dims} float32s, padded so the rows start on a 64-byte boundary. */
    static byte[] write(int rows, int dims) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + dims + "), }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[10 + h.length];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = 1;
        out[7] = 0;
        out[8] = (byte) (h.length & 0xff);
        out[9] = (byte) (h.length >>> 8);
        System.arraycopy(h, 0, out, 10, h.length);
        return out;
    }
}
