package org.gridmint.coordinator.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import org.gridmint.api.BlobRef;
import org.gridmint.api.GpuInfo;
import org.gridmint.api.json.Json;
import org.gridmint.core.spec.JobSpecDraft;

/** The TEXT columns that hold JSON, written and read with the project's one mapper. */
final class JsonColumns {
    private static final TypeReference<List<BlobRef>> BLOBS = new TypeReference<>() {};
    private static final TypeReference<List<GpuInfo>> GPUS = new TypeReference<>() {};

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

    private static <T> T read(String json, TypeReference<T> type, String what) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            // Only the store writes these columns, so unreadable JSON means a corrupt row or a schema drift.
            throw new StoreException("stored " + what + " is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
