package org.gridmint.sim.scenario;

import java.util.List;
import java.util.random.RandomGenerator;

/** A distribution of numbers that a scenario draws from: prices, speeds, durations (in milliseconds), counts. */
public sealed interface Dist {
    /** One draw; every draw consumes the same amount of randomness per kind, so streams stay aligned. */
    double sample(RandomGenerator r);

    /** Always the same value. */
    record Fixed(double value) implements Dist {
        @Override
        public double sample(RandomGenerator r) {
            return value;
        }
    }

    /** Uniform in [min, max). */
    record Uniform(double min, double max) implements Dist {
        @Override
        public double sample(RandomGenerator r) {
            return min + (max - min) * r.nextDouble();
        }
    }

    /** median × e^(sigma·N(0,1)): long-tailed, as task durations and machine speeds are. */
    record LogNormal(double median, double sigma) implements Dist {
        @Override
        public double sample(RandomGenerator r) {
            return median * Math.exp(sigma * r.nextGaussian());
        }
    }

    /** Exponential with the given mean: the memoryless waiting time (failures, Poisson arrivals). */
    record Exponential(double mean) implements Dist {
        @Override
        public double sample(RandomGenerator r) {
            return -mean * Math.log(1 - r.nextDouble());
        }
    }

    /** One of several values, each with a weight. */
    record Choice(List<Double> values, List<Double> weights) implements Dist {
        public Choice {
            values = List.copyOf(values);
            weights = List.copyOf(weights);
        }

        @Override
        public double sample(RandomGenerator r) {
            return values.get(Pick.index(weights, r));
        }
    }
}
