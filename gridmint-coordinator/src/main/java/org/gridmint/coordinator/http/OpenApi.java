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
import org.gridmint.api.ProblemTypes;
import org.gridmint.api.auth.RequestSignature;

/**
 * Builds the OpenAPI 3.1 document from the route table and the wire records themselves, so that the
 * document names exactly the routes that are served and the fields that are read.
 */
final class OpenApi {
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    private static final String SCHEME = "gridmintSignature";
    private static final String SIGNING = "Every route but the public ones (this document, health, metrics, the provider list) takes a signed"
            + " request: " + RequestSignature.KEY_HEADER + " (base64url of the X.509 Ed25519 public key), "
            + RequestSignature.TIMESTAMP_HEADER + " (milliseconds since the epoch, within " + RequestSignature.WINDOW.toMinutes()
            + " minutes of the coordinator's clock), " + RequestSignature.NONCE_HEADER + " (16-64 of [A-Za-z0-9_-], never reused) and "
            + RequestSignature.SIGNATURE_HEADER + " (base64url Ed25519 signature of the lines METHOD, path?query as sent, timestamp,"
            + " nonce, lower-case hex SHA-256 of the body; for a blob upload, the {sha256} of its path). The caller's account is"
            + " acct- and the first 20 bytes of the SHA-256 of the key's X.509 encoding in base32; jobs and providers belong to it.";

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
            for (String q : r.queryParams()) params.add(queryParam(q));
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
            if (r.access() != Route.Access.PUBLIC) {
                responses.put("401", Map.of("description", "Not signed, or the signature is malformed, wrong, stale or replayed; type is one of "
                        + List.of(ProblemTypes.UNSIGNED, ProblemTypes.MALFORMED_SIGNATURE, ProblemTypes.BAD_SIGNATURE, ProblemTypes.STALE,
                        ProblemTypes.REPLAYED), "content", problem));
            }
            if (r.access() == Route.Access.OPERATOR) {
                responses.put("403", Map.of("description", "The signer is not the coordinator's operator (" + ProblemTypes.OPERATOR_ONLY + ")",
                        "content", problem));
            }
            for (int s : r.errors()) responses.putIfAbsent(String.valueOf(s), Map.of("description", reason(s), "content", problem));
            op.put("responses", responses);
            // An empty list lifts the document-wide requirement for the public routes.
            op.put("security", r.access() == Route.Access.PUBLIC ? List.of() : List.of(Map.of(SCHEME, List.of())));
            if (r.access() == Route.Access.OPERATOR) op.put("x-gridmint-access", "operator");
            paths.computeIfAbsent(r.path(), k -> new LinkedHashMap<>()).put(r.method().toLowerCase(), op);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Gridmint coordinator API", "version", "1",
                "description", "Clients submit jobs; providers pull work. " + SIGNING));
        doc.put("security", List.of(Map.of(SCHEME, List.of())));
        doc.put("paths", paths);
        // OpenAPI has no scheme for a signature over several headers: it is declared as the header that carries it,
        // and the description says what the others are.
        doc.put("components", Map.of("schemas", schemas, "securitySchemes", Map.of(SCHEME, Map.of("type", "apiKey", "in", "header",
                "name", RequestSignature.SIGNATURE_HEADER, "description", SIGNING))));
        return doc;
    }

    /** {@code name} is an integer parameter; {@code name=a|b} a string parameter that takes one of a, b (the first is the default). */
    private static Map<String, Object> queryParam(String q) {
        int eq = q.indexOf('=');
        if (eq < 0) return Map.of("name", q, "in", "query", "required", false, "schema", Map.of("type", "integer"));
        List<String> values = List.of(q.substring(eq + 1).split("\\|"));
        return Map.of("name", q.substring(0, eq), "in", "query", "required", false,
                "schema", Map.of("type", "string", "enum", values, "default", values.getFirst()));
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
            case 403 -> "The caller may not: the resource belongs to another account (" + ProblemTypes.NOT_OWNER + "), or the provider is"
                    + " quarantined (" + ProblemTypes.QUARANTINED + ")";
            case 404 -> "No such resource, or not the caller's";
            case 409 -> "Conflicts with the resource's current state (state names it)";
            case 413 -> "Body over the size limit";
            default -> "Error";
        };
    }
}
