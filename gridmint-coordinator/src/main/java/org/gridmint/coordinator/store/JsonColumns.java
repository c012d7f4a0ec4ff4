package org.gridmint.coordinator.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.LinkedHashMap;
import java.util.List;
import org.gridmint.api.BlobRef;
import org.gridmint.api.GpuInfo;
import org.gridmint.api.ModelOffer;
import org.gridmint.api.json.Json;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.Asks;
import org.gridmint.core.spec.JobSpecDraft;

/** The TEXT columns that hold JSON, written and read with the project's one mapper. */
final class JsonColumns {
    private static final TypeReference<List<BlobRef>> BLOBS = new TypeReference<>() {};
    private static final TypeReference<List<GpuInfo>> GPUS = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, Long>> ASKS = new TypeReference<>() {};
    private static final TypeReference<List<ModelOffer>> MODELS = new TypeReference<>() {};

    private JsonColumns() {}

    static String write(Object value) {
        return Json.writeString(value);
    }

    static JobSpecDraft draft(String json) {
        return read(json, new TypeReference<JobSpecDraft>() {}, "job draft");
    }

    static List<BlobRef> blobs(String json) {
        return List.copyOf(read(json, BLOBS, "blob list"));
    }

    static List<GpuInfo> gpus(String json) {
        return List.copyOf(read(json, GPUS, "GPU list"));
    }

    /** Asks as {"cpu": micros, "gpu:MODEL": micros}, in the provider's class order. */
    static String writeAsks(Asks asks) {
        var m = new LinkedHashMap<String, Long>();
        asks.byClass().forEach((k, v) -> m.put(k, v.micros()));
        return write(m);
    }

    /** The stored asks, or null for a provider from before asks (its price then stands for every class). */
    static Asks asks(String json) {
        if (json == null) return null;
        var m = new LinkedHashMap<String, Credits>();
        read(json, ASKS, "asks").forEach((k, v) -> m.put(k, Credits.ofMicros(v)));
        return new Asks(m);
    }

    /** The models a provider serves, or null (SQL NULL) when it serves none. */
    static String writeModels(List<ModelOffer> models) {
        return models.isEmpty() ? null : write(models);
    }

    /** The stored models; none for NULL (a provider that serves none, or one from before models). */
    static List<ModelOffer> models(String json) {
        return json == null ? List.of() : List.copyOf(read(json, MODELS, "model list"));
    }

    private static <T> T read(String json, TypeReference<T> type, String what) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            // Only the store writes these columns, so unreadable JSON means a corrupt row or a schema drift.
            throw new StoreException("stored " + what + " is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
