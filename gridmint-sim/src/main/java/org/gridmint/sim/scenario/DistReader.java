package org.gridmint.sim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link Dist} in one of its YAML forms: a plain value (a constant), {@code {uniform: [min, max]}},
 * {@code {lognormal: {median: m, sigma: s}}}, {@code {exponential: mean}} or {@code {choice: {value: weight, ...}}}.
 * Values are durations ({@code 30m}, read as milliseconds) or plain numbers, as the field says.
 */
final class DistReader {
    /** What a distribution's values are. */
    enum Unit {
        DURATION("a duration like 1h"), NUMBER("a number");

        final String example;

        Unit(String example) {
            this.example = example;
        }
    }

    private static final Set<String> KINDS = Set.of("uniform", "lognormal", "exponential", "choice");
    private static final String FORMS = "a value, or one of {uniform: [min, max]}, {lognormal: {median: m, sigma: s}}, {exponential: mean}, {choice: {value: weight}}";

    private final Fields f;

    DistReader(Fields f) {
        this.f = f;
    }

    /** The distribution at {@code path}, all of whose values must be positive; {@code dflt} when absent, null when bad. */
    Dist read(JsonNode n, String path, Unit unit, Dist dflt) {
        if (n == null || n.isNull()) return dflt;
        if (!n.isObject()) {
            Double v = value(n, path, unit);
            return v == null ? null : new Dist.Fixed(v);
        }
        if (n.size() != 1 || !KINDS.contains(n.fieldNames().next())) {
            f.error(path, "must be " + FORMS + ", was " + Fields.show(n));
            return null;
        }
        String kind = n.fieldNames().next();
        JsonNode arg = n.get(kind);
        String at = path + "." + kind;
        return switch (kind) {
            case "uniform" -> uniform(arg, at, unit);
            case "lognormal" -> lognormal(arg, at, unit);
            case "exponential" -> {
                Double mean = value(arg, at, unit);
                yield mean == null ? null : new Dist.Exponential(mean);
            }
            default -> choice(arg, at, unit);
        };
    }

    private Dist uniform(JsonNode arg, String at, Unit unit) {
        if (!arg.isArray() || arg.size() != 2) {
            f.error(at, "must be a list of two values [min, max], was " + Fields.show(arg));
            return null;
        }
        Double lo = value(arg.get(0), at + "[0]", unit);
        Double hi = value(arg.get(1), at + "[1]", unit);
        if (lo == null || hi == null) return null;
        if (lo > hi) {
            f.error(at, "min must not exceed max, was [" + arg.get(0).asText() + ", " + arg.get(1).asText() + "]");
            return null;
        }
        return new Dist.Uniform(lo, hi);
    }

    private Dist lognormal(JsonNode arg, String at, Unit unit) {
        JsonNode m = f.mapping(arg, at, Set.of("median", "sigma"));
        if (m == null) return null;
        JsonNode median = f.required(m, at, "median");
        Double med = median == null ? null : value(median, at + ".median", unit);
        Double sigma = f.number(f.required(m, at, "sigma"), at + ".sigma", 0, 5, null);
        return med == null || sigma == null ? null : new Dist.LogNormal(med, sigma);
    }

    private Dist choice(JsonNode arg, String at, Unit unit) {
        if (!arg.isObject() || arg.isEmpty()) {
            f.error(at, "must be a mapping of values to weights, was " + Fields.show(arg));
            return null;
        }
        List<Double> values = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : arg.properties()) {
            Double v = value(new TextNode(e.getKey()), at + "." + e.getKey(), unit);
            Double w = f.number(e.getValue(), at + "." + e.getKey(), Double.MIN_VALUE, 1e9, null);
            if (v == null || w == null) return null;
            values.add(v);
            weights.add(w);
        }
        return new Dist.Choice(values, weights);
    }

    /** One positive value: a duration in milliseconds, or a number (a YAML number, or a mapping key that reads as one). */
    private Double value(JsonNode n, String path, Unit unit) {
        Double v = switch (unit) {
            case DURATION -> {
                Long ms = Fields.parseDuration(n);
                yield ms == null ? null : ms.doubleValue();
            }
            case NUMBER -> n.isNumber() ? Double.valueOf(n.asDouble()) : n.isTextual() ? parse(n.asText()) : null;
        };
        if (v == null || v.isInfinite()) {
            f.error(path, "must be " + unit.example + ", was " + Fields.show(n));
            return null;
        }
        if (!(v > 0)) {
            f.error(path, "must be above zero, was " + Fields.show(n));
            return null;
        }
        return v;
    }

    private static Double parse(String s) {
        try {
            return Double.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
