package org.gridmint.embed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The models an agent serves, each loaded once on first use and shared between its tasks and online requests.
 *
 * <p>Concurrency: each model has its own lock, so loading one model (about a second) never holds up callers of another
 * already loaded. A load that fails is not remembered: the next {@link #get} tries again.
 */
public final class ModelRegistry implements AutoCloseable {
    private final DevicePreference preference;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final List<ModelInfo> models;
    private volatile Device device;
    private volatile boolean closed;

    /**
     * Serves {@code models} (names from the catalog) on {@code preference}; nothing is loaded until first asked for.
     *
     * @throws IllegalArgumentException for an unknown or repeated model, or a bad {@code GRIDMINT_EMBED_THREADS}
     */
    public ModelRegistry(List<String> models, DevicePreference preference) {
        if (models == null) throw new IllegalArgumentException("models: required");
        if (preference == null) throw new IllegalArgumentException("preference: required (AUTO, CPU or CUDA)");
        try {
            // Checked now, so that a bad value stops an agent at start instead of failing each model load later.
            Devices.intraOpThreads(System.getenv(Devices.THREADS_ENV));
        } catch (EmbedException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        List<ModelInfo> infos = new ArrayList<>();
        for (String name : models) {
            ModelInfo info = ModelCatalog.require(name);
            if (slots.containsKey(name)) throw new IllegalArgumentException("models: '" + name + "' is listed twice");
            slots.put(name, new Slot(info));
            infos.add(info);
        }
        this.models = List.copyOf(infos);
        this.preference = preference;
    }

    /** The models it serves, in the order given. */
    public List<ModelInfo> models() {
        return models;
    }

    /** The loaded model, loading it now if needed. */
    public Embedder get(String model) {
        Slot slot = slots.get(model);
        if (slot == null) {
            throw new IllegalArgumentException("model: '" + model + "' is not served here (served: "
                    + String.join(", ", slots.keySet()) + ")");
        }
        return slot.get();
    }

    /** The device the models run on (loading nothing: it is decided from the preference, the GPUs and the ONNX Runtime build). */
    public Device device() {
        Device d = device;
        if (d == null) {
            synchronized (this) {
                if (device == null) device = Devices.choose(preference);
                d = device;
            }
        }
        return d;
    }

    @Override
    public void close() {
        closed = true;
        for (Slot slot : slots.values()) slot.close();
    }

    /** One model's embedder, loaded at most once. */
    private final class Slot {
        private final ModelInfo info;
        private Embedder embedder;

        Slot(ModelInfo info) {
            this.info = info;
        }

        synchronized Embedder get() {
            if (closed) throw new IllegalStateException("model registry is closed");
            if (embedder == null) {
                // Pinned to the device the registry advertises, so a provider never serves on another one than it says.
                DevicePreference pinned = device() == Device.CUDA ? DevicePreference.CUDA : DevicePreference.CPU;
                embedder = Embedder.load(info.name(), pinned);
            }
            return embedder;
        }

        synchronized void close() {
            if (embedder != null) embedder.close();
            embedder = null;
        }
    }
}
