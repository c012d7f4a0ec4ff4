package org.gridmint.client;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

/** Reads an OpenAI embedding in either of its wire forms as floats. */
public final class EmbeddingVectors {
    private EmbeddingVectors() {}

    /** An embedding as the gateway sent it (a base64 string of little-endian float32, or a list of numbers) as floats. */
    public static float[] floats(Object embedding) {
        if (embedding instanceof float[] f) return f;
        if (embedding instanceof String s) {
            ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(s)).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[b.remaining() / Float.BYTES];
            for (int i = 0; i < out.length; i++) out[i] = b.getFloat();
            return out;
        }
        if (embedding instanceof List<?> list) {
            float[] out = new float[list.size()];
            for (int i = 0; i < out.length; i++) out[i] = ((Number) list.get(i)).floatValue();
            return out;
        }
        throw new IllegalArgumentException("an embedding must be a base64 string or a list of numbers, got " + embedding);
    }

}
