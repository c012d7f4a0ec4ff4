package org.gridmint.embed;

/**
 * The vector formats: NumPy {@code .npy} (little-endian float32 {@code <f4}, shape (rows, dimensions), C order) for task
 * outputs and results, and base64 of little-endian float32 rows for the wire (as OpenAI's {@code encoding_format: base64}).
 */
public final class Vectors {
    private Vectors() {}

    public static byte[] toNpy(float[][] rows) {
        throw new UnsupportedOperationException("issue 6: being built");
    }

    /** Reads a 2-D {@code <f4} .npy; anything else is an IllegalArgumentException naming what it found. */
    public static float[][] fromNpy(byte[] npy) {
        throw new UnsupportedOperationException("issue 6: being built");
    }

    public static String toBase64(float[] row) {
        throw new UnsupportedOperationException("issue 6: being built");
    }

    public static float[] fromBase64(String base64) {
        throw new UnsupportedOperationException("issue 6: being built");
    }

    public static double cosine(float[] a, float[] b) {
        throw new UnsupportedOperationException("issue 6: being built");
    }
}
