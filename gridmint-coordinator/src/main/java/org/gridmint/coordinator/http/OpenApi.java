package org.gridmint.coordinator.http;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridmint.api.Problem;

/**
 * Builds the OpenAPI 3.1 document from the route table and the wire records themselves, so that the
 * document names exactly the routes that are served and the fields that are read.
 */
final class OpenApi {
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    private OpenApi() {}

    static Map<String, Object> document(List<Route> routes) {
        Map<String, Object> schemas = new TreeMap<>();
        schema(Problem.class, schemas);
        Map<String, Map<String, Object>> paths = new LinkedHashMap<>();
        for (Route r : routes) {
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("summary", r.summary());
            op.put("tags", List.of(r.tag()));
            op.put("operationId", r.method().toLowerCase() + r.path().replaceAll("[^A-Za-z0-9]+", "_"));
            List<Map<String, Object>> params = new ArrayList<>();
            Matcher m = PARAM.matcher(r.path());
            while (m.find()) params.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
            for (String q : r.queryParams()) params.add(Map.of("name", q, "in", "query", "required", false, "schema", Map.of("type", "integer")));
            if (!params.isEmpty()) op.put("parameters", params);
            if (r.request() != null) {
                op.put("requestBody", Map.of("required", true, "content", r.request() == byte[].class
                        ? Map.of("application/octet-stream", Map.of("schema", Map.of("type", "string", "format", "binary")))
                        : Map.of("application/json", Map.of("schema", schema(r.request(), schemas)))));
            }
            Map<String, Object> responses = new LinkedHashMap<>();
            responses.put(String.valueOf(r.status()), Map.of("description", "OK", "content", content(r.response(), schemas)));
            var problem = Map.of("application/problem+json", Map.of("schema", Map.of("$ref", "#/components/schemas/Problem")));
            responses.put("400", Map.of("description", "Invalid input; errors[] names each field", "content", problem));
            for (int s : r.errors()) responses.put(String.valueOf(s), Map.of("description", reason(s), "content", problem));
            op.put("responses", responses);
            paths.computeIfAbsent(r.path(), k -> new LinkedHashMap<>()).put(r.method().toLowerCase(), op);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Gridmint coordinator API", "version", "1",
                "description", "Clients submit jobs; providers pull work. Clients name their account in the Gridmint-Account header."));
        doc.put("paths", paths);
        doc.put("components", Map.of("schemas", schemas));
        return doc;
    }

    private static Map<String, Object> content(Class<?> type, Map<String, Object> schemas) {
        if (type == byte[].class) return Map.of("application/octet-stream", Map.of("schema", Map.of("type", "string", "format", "binary")));
        if (type == String.class) return Map.of("text/plain", Map.of("schema", Map.of("type", "string")));
        return Map.of("application/json", Map.of("schema", schema(type, schemas)));
    }

    private static Object schema(Type type, Map<String, Object> schemas) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (List.class.isAssignableFrom(raw)) return Map.of("type", "array", "items", schema(p.getActualTypeArguments()[0], schemas));
            if (Map.class.isAssignableFrom(raw)) return Map.of("type", "object", "additionalProperties", schema(p.getActualTypeArguments()[1], schemas));
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) return Map.of("type", "string");
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) return Map.of("type", "integer");
        if (c == boolean.class || c == Boolean.class) return Map.of("type", "boolean");
        if (c == BigDecimal.class || c == double.class) return Map.of("type", "number");
        if (c == Instant.class) return Map.of("type", "string", "format", "date-time");
        if (Map.class.isAssignableFrom(c)) return Map.of("type", "object");
        if (c.isRecord()) {
            String name = c.getSimpleName();
            if (!schemas.containsKey(name)) {
                schemas.put(name, Map.of());
                Map<String, Object> props = new LinkedHashMap<>();
                for (RecordComponent rc : c.getRecordComponents()) props.put(rc.getName(), schema(rc.getGenericType(), schemas));
                schemas.put(name, Map.of("type", "object", "additionalProperties", false, "properties", props));
            }
            return Map.of("$ref", "#/components/schemas/" + name);
        }
        return Map.of("type", "object");
    }

    private static String reason(int status) {
        return switch (status) {
            case 404 -> "No such resource, or not the caller's";
            case 409 -> "Conflicts with the resource's current state (state names it)";
            case 413 -> "Body over the size limit";
            default -> "Error";
        };
    }
}
