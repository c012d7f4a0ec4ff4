package org.gridmint.sim.scenario;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A weighted choice among names (GPU models, regions). One value with weight 1 is a constant.
 *
 * @param values the names, in the scenario's order
 * @param weights their positive weights, in the same order
 */
public record Pick(List<String> values, List<Double> weights) {
    public Pick {
        values = List.copyOf(values);
        weights = List.copyOf(weights);
        if (values.isEmpty() || values.size() != weights.size()) throw new IllegalArgumentException("a pick needs as many weights as values, and one at least");
    }

    public static Pick of(String value) {
        return new Pick(List.of(value), List.of(1.0));
    }

    public String sample(RandomGenerator r) {
        return values.get(index(weights, r));
    }

    /** The index drawn in proportion to {@code weights}; always one draw, so streams stay aligned. */
    static int index(List<Double> weights, RandomGenerator r) {
        double total = 0;
        for (double w : weights) total += w;
        double x = r.nextDouble() * total;
        for (int i = 0; i < weights.size(); i++) {
            x -= weights.get(i);
            if (x < 0) return i;
        }
        return weights.size() - 1;
    }
}
