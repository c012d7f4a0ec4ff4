package org.gridmint.sim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.gridmint.core.spec.Durations;
import org.gridmint.core.spec.FieldError;

/**
 * Reads typed values out of a YAML tree and collects one {@link FieldError} per bad field, named by its dotted path, so
 * that a user sees every mistake at once. A getter that fails returns null (or the default) and the caller carries on.
 */
final class Fields {
    final List<FieldError> errors = new ArrayList<>();

    void error(String path, String message) {
        errors.add(new FieldError(path, message));
    }

    /** The mapping at {@code path}, after checking it has only {@code allowed} keys; null (with an error) if it is not a mapping. */
    JsonNode mapping(JsonNode node, String path, Set<String> allowed) {
        if (node == null || node.isNull()) return null;
        if (!node.isObject()) {
            error(path, "must be a mapping of " + String.join(", ", new TreeSet<>(allowed)) + ", was " + show(node));
            return null;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) error(join(path, k), "unknown field; expected one of " + String.join(", ", new TreeSet<>(allowed)));
        }
        return node;
    }

    JsonNode required(JsonNode parent, String path, String key) {
        JsonNode n = parent == null ? null : parent.get(key);
        if (n == null || n.isNull()) {
            if (parent != null) error(join(path, key), "is required");
            return null;
        }
        return n;
    }

    Long integer(JsonNode n, String path, long min, long max, Long dflt) {
        if (n == null || n.isNull()) return dflt;
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < min || n.asLong() > max) {
            error(path, "must be a whole number from " + min + " to " + max + ", was " + show(n));
            return dflt;
        }
        return n.asLong();
    }

    Double number(JsonNode n, String path, double min, double max, Double dflt) {
        if (n == null || n.isNull()) return dflt;
        if (!n.isNumber() || !(n.asDouble() >= min && n.asDouble() <= max)) {
            error(path, "must be a number from " + trim(min) + " to " + trim(max) + ", was " + show(n));
            return dflt;
        }
        return n.asDouble();
    }

    /** A positive duration such as 90s, 30m or 2h, in milliseconds. */
    Long duration(JsonNode n, String path, Long dflt) {
        if (n == null || n.isNull()) return dflt;
        Long ms = parseDuration(n);
        if (ms == null || ms <= 0) {
            error(path, "must be a duration like 1h, was " + show(n));
            return dflt;
        }
        return ms;
    }

    static Long parseDuration(JsonNode n) {
        if (!n.isTextual()) return null;
        try {
            Duration d = Durations.parse(n.asText());
            return d.isNegative() ? null : d.toMillis();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    String text(JsonNode n, String path, String dflt) {
        if (n == null || n.isNull()) return dflt;
        if (!n.isTextual() || n.asText().isBlank()) {
            error(path, "must be a non-empty string, was " + show(n));
            return dflt;
        }
        return n.asText().strip();
    }

    List<String> texts(JsonNode n, String path) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) return out;
        if (!n.isArray()) {
            error(path, "must be a list of strings, was " + show(n));
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            String t = text(n.get(i), path + "[" + i + "]", null);
            if (t != null) out.add(t);
        }
        return out;
    }

    /** A name, or a mapping of names to positive weights. */
    Pick pick(JsonNode n, String path) {
        if (n == null || n.isNull()) return null;
        if (n.isTextual() && !n.asText().isBlank()) return Pick.of(n.asText().strip());
        if (!n.isObject() || n.isEmpty()) {
            error(path, "must be a name, or a mapping of names to weights such as {T4: 3, A10G: 1}, was " + show(n));
            return null;
        }
        List<String> values = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            Double w = number(e.getValue(), join(path, e.getKey()), Double.MIN_VALUE, 1e9, null);
            if (w == null) continue;
            values.add(e.getKey().strip());
            weights.add(w);
        }
        return values.isEmpty() ? null : new Pick(values, weights);
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String show(JsonNode n) {
        if (n.isTextual()) return "\"" + n.asText() + "\"";
        if (n.isObject()) return "a mapping";
        if (n.isArray()) return "a list";
        return n.toString();
    }

    private static String trim(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
