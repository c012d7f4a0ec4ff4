package org.gridmint.core.verify;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.gridmint.core.spec.Comparison.Format;

/** Reads the numbers of an output file in a numeric format (JSON, raw float32 little-endian, NumPy .npy), in file order. */
public final class NumericOutputs {
    /** The most numbers one file may hold: beyond it a file is refused rather than exhausting the coordinator's memory. */
    public static final int MAX_VALUES = 64 * 1024 * 1024;

    private NumericOutputs() {}

    /**
     * The file's numbers as doubles (float32 and int32 widen exactly; int64 beyond 2^53 rounds to the nearest double).
     *
     * @throws MalformedOutputException when the bytes are not a valid file of that format; the message says why
     * @throws IllegalArgumentException for {@link Format#EXACT}, which compares digests, not numbers
     */
    public static double[] parse(Format format, byte[] data) throws MalformedOutputException {
        if (format == null || data == null) throw new IllegalArgumentException("parse needs a format and the file's bytes");
        return switch (format) {
            case EXACT -> throw new IllegalArgumentException("format exact compares digests; it has no numbers to parse");
            case JSON -> JsonNumbers.parse(data);
            case F32LE -> f32le(data);
            case NPY -> Npy.parse(data);
        };
    }

    private static double[] f32le(byte[] data) throws MalformedOutputException {
        if (data.length % 4 != 0)
            throw new MalformedOutputException("is " + data.length + " bytes, not a whole number of float32 values (4 bytes each)");
        if (data.length / 4 > MAX_VALUES) throw new MalformedOutputException("holds " + data.length / 4 + " values, more than " + MAX_VALUES);
        var b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[data.length / 4];
        for (int i = 0; i < out.length; i++) out[i] = b.getFloat();
        return out;
    }
}
