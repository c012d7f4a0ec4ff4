package org.gridmint.api.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The answer to {@code GET /v1/models}: the models some connected provider serves now; {@code object} is {@code list}. */
public record ModelList(String object, List<Model> data) {

    /** One model: {@code object} is {@code model}, {@code created} in Unix seconds, {@code owned_by} {@code gridmint}. */
    public record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {}
}
