package org.gridmint.api.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gridmint.core.spec.FieldError;
import org.gridmint.core.spec.JobSpecDraft;

/**
 * Finds every problem in a JSON object meant for a record, not just the first: unknown fields, wrong types and
 * missing primitives, field by field and into nested records. Jackson stops at the first problem; a user who
 * fixes a spec one error per round trip deserves better, so {@link Json} calls this once the fast path failed.
 */
final class RecordErrors {
    private RecordErrors() {}

    static List<FieldError> of(ObjectMapper mapper, JsonNode node, Class<?> type) {
        List<FieldError> errors = new ArrayList<>();
        collect(mapper, node, type, "", errors);
        return errors;
    }

    private static void collect(ObjectMapper mapper, JsonNode node, Class<?> type, String path, List<FieldError> errors) {
        String where = path.isEmpty() ? "body" : path;
        if (!node.isObject()) {
            errors.add(new FieldError(where, "wrong type: expected an object"));
            return;
        }
        Set<String> known = new HashSet<>();
        for (RecordComponent rc : type.getRecordComponents()) known.add(rc.getName());
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) errors.add(new FieldError(join(path, f), "unknown field '" + f + "'"));
        });
        for (RecordComponent rc : type.getRecordComponents()) {
            JsonNode value = node.get(rc.getName());
            String field = join(path, rc.getName());
            if (value == null || value instanceof NullNode) {
                if (rc.getType().isPrimitive()) errors.add(new FieldError(field, "is required"));
                continue;
            }
            if (rc.getType() == JobSpecDraft.VerifyDraft.class && !value.isObject() && !value.isTextual()) {
                errors.add(new FieldError(field, "wrong type: expected a policy name such as adaptive, or an object such as {replicas: 3}"));
                continue;
            }
            if (rc.getType().isRecord() && !(value.isTextual() && readsFromText(mapper, value, rc.getType()))) {
                collect(mapper, value, rc.getType(), field, errors);
                continue;
            }
            try {
                mapper.readerFor(mapper.getTypeFactory().constructType(rc.getGenericType())).readValue(value);
            } catch (JsonProcessingException e) {
                FieldError inner = Json.describe(e);
                String at = inner.field().equals("body") ? field : field + (inner.field().startsWith("[") ? "" : ".") + inner.field();
                errors.add(new FieldError(at, inner.message()));
            } catch (java.io.IOException | RuntimeException e) {
                errors.add(new FieldError(field, "wrong type"));
            }
        }
    }

    /** Whether a record also has a short form as a string, such as {@code verify: adaptive}. */
    private static boolean readsFromText(ObjectMapper mapper, JsonNode value, Class<?> type) {
        try {
            mapper.readerFor(type).readValue(value);
            return true;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
