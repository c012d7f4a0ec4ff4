package org.gridmint.coordinator.verify;

import java.util.Locale;
import org.gridmint.core.spec.Comparison;
import org.gridmint.core.spec.VerifySpec;

/** A job's verification policy in words, as verdicts, job status and the bill show it. */
public final class Policies {
    private Policies() {}

    /** E.g. "adaptive", "replicas 3, quorum 2", "spot check 5%; compare npy within relative 0.0001, absolute 1e-06". */
    public static String describe(VerifySpec v) {
        String policy = switch (v.policy()) {
            case NONE -> "none";
            case ADAPTIVE -> "adaptive";
            case REPLICAS -> "replicas " + v.replicas() + ", quorum " + v.quorum();
            case SPOT_CHECK -> "spot check " + num(v.spotCheckRate() * 100) + "%";
        };
        return v.policy() == VerifySpec.Policy.NONE ? policy : policy + "; compare " + describe(v.comparison());
    }

    static String describe(Comparison c) {
        if (c.format() == Comparison.Format.EXACT) return "exact (output digests)";
        String f = c.format().name().toLowerCase(Locale.ROOT);
        if (c.minCosine() > 0) return f + " with cosine similarity >= " + num(c.minCosine());
        return f + " within relative " + num(c.relative()) + ", absolute " + num(c.absolute());
    }

    private static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
