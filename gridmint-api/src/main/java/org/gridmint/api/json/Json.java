package org.gridmint.api.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.gridmint.core.spec.FieldError;

/**
 * The one JSON (and YAML) configuration of Gridmint: strict on input (unknown fields and wrong types are
 * errors, never silently dropped), ISO-8601 instants, nulls left out of output.
 */
public final class Json {
    private static final ObjectMapper JSON = configure(JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build());
    private static final ObjectMapper YAML = configure(YAMLMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build());

    private Json() {}

    private static ObjectMapper configure(ObjectMapper m) {
        m.registerModule(new JavaTimeModule());
        m.registerModule(new Jdk8Module());
        m.registerModule(new SpecModule());
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        m.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        // Amounts are BigDecimals with trailing zeros stripped: 10 credits must read 10, not 1E+1.
        m.configure(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true);
        m.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        m.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        return m;
    }

    public static ObjectMapper mapper() {
        return JSON;
    }

    public static ObjectMapper yamlMapper() {
        return YAML;
    }

    public static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static String writeString(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static String writePretty(Object value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** Reads {@code type} from JSON bytes; a malformed body throws {@link InvalidInputException} naming the field. */
    public static <T> T read(byte[] body, Class<T> type) {
        return read(JSON, body, type);
    }

    public static <T> T readYaml(byte[] body, Class<T> type) {
        return read(YAML, body, type);
    }

    private static <T> T read(ObjectMapper m, byte[] body, Class<T> type) {
        if (body == null || body.length == 0) throw new InvalidInputException(new FieldError("body", "is empty; expected a JSON object"));
        try {
            T v = m.readValue(body, type);
            if (v == null) throw new InvalidInputException(new FieldError("body", "is null; expected a JSON object"));
            return v;
        } catch (JsonMappingException e) {
            // The document parsed but does not fit: list every field that does not, not only the first.
            if (type.isRecord()) {
                try {
                    var all = RecordErrors.of(m, m.readTree(body), type);
                    if (!all.isEmpty()) throw new InvalidInputException(all);
                } catch (IOException ignored) {
                    // Fall through to the first error, which Jackson already described.
                }
            }
            throw new InvalidInputException(describe(e));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Turns a Jackson error into one field error: the JSON path of the field and what was wrong with it. */
    public static FieldError describe(JsonProcessingException e) {
        String field = "body";
        if (e instanceof JsonMappingException jm && !jm.getPath().isEmpty()) field = path(jm);
        if (e instanceof UnrecognizedPropertyException u) {
            return new FieldError(field, "unknown field '" + u.getPropertyName() + "'");
        }
        if (e instanceof InvalidFormatException f) {
            return new FieldError(field, "wrong type: '" + f.getValue() + "' is not " + typeName(f.getTargetType()));
        }
        if (e instanceof MismatchedInputException mi) {
            String msg = mi.getOriginalMessage();
            if (msg != null && msg.startsWith("Cannot map `null`")) return new FieldError(field, "must not be null");
            if (msg != null && msg.contains("Duplicate field")) return new FieldError(field, "duplicate field");
            return new FieldError(field, "wrong type: expected " + typeName(mi.getTargetType()));
        }
        String msg = e.getOriginalMessage();
        if (msg != null && msg.contains("Duplicate field")) return new FieldError(field, msg);
        var loc = e.getLocation();
        return new FieldError(field, "malformed " + (loc == null ? "" : "at line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ")
                + (msg == null ? e.getClass().getSimpleName() : msg.lines().findFirst().orElse(msg)));
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!b.isEmpty()) b.append('.');
                b.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                b.append('[').append(ref.getIndex()).append(']');
            }
        }
        return b.isEmpty() ? "body" : b.toString();
    }

    private static String typeName(Class<?> t) {
        if (t == null) return "the right type";
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) return "an integer";
        if (t == Boolean.class || t == boolean.class) return "true or false";
        if (t == String.class) return "a string";
        if (t == java.math.BigDecimal.class || t == Double.class || t == double.class) return "a number";
        if (java.util.Collection.class.isAssignableFrom(t)) return "a list";
        if (t.isRecord() || java.util.Map.class.isAssignableFrom(t)) return "an object";
        return t.getSimpleName();
    }
}
