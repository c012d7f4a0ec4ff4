package org.gridmint.embed;

import java.util.List;

/** The models an agent serves, each loaded once on first use and shared between its tasks and online requests. */
public final class ModelRegistry implements AutoCloseable {

    /** Serves {@code models} (names from the catalog) on {@code preference}; nothing is loaded until first asked for. */
    public ModelRegistry(List<String> models, DevicePreference preference) {
        throw new UnsupportedOperationException("issue 6: being built");
    }

    /** The models it serves, in the order given. */
    public List<ModelInfo> models() {
        throw new UnsupportedOperationException("issue 6: being built");
    }

    /** The loaded model, loading it now if needed. */
    public Embedder get(String model) {
        throw new UnsupportedOperationException("issue 6: being built");
    }

    /** The device the models run on (loading nothing: it is decided from the preference, the GPUs and the ONNX Runtime build). */
    public Device device() {
        throw new UnsupportedOperationException("issue 6: being built");
    }

    @Override
    public void close() {}
}
