package org.gridmint.embed;

import java.util.List;

/**
 * One loaded model: a single ONNX Runtime session shared by every caller (thread-safe), the model's tokenizer,
 * mean pooling over the attention mask and L2 normalisation.
 */
public final class Embedder implements AutoCloseable {

    /** Loads {@code model} on the preferred device; AUTO takes CUDA when a GPU and the CUDA build of ONNX Runtime are there. */
    public static Embedder load(String model, DevicePreference preference) {
        throw new UnsupportedOperationException("issue 6: being built");
    }

    public ModelInfo model() {
        throw new UnsupportedOperationException("issue 6: being built");
    }

    public Device device() {
        throw new UnsupportedOperationException("issue 6: being built");
    }

    /** One unit-length vector per text, in order. */
    public float[][] embed(List<String> texts) {
        throw new UnsupportedOperationException("issue 6: being built");
    }

    /** Tokens the model reads for {@code text}, special tokens included, after truncation to its maximum. */
    public int countTokens(String text) {
        throw new UnsupportedOperationException("issue 6: being built");
    }

    @Override
    public void close() {}
}
