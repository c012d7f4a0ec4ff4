package org.gridmint.core.spec;

/**
 * How a job's results are verified before they are paid (its spec's {@code verify} key, validated).
 *
 * @param policy which scheme decides how many providers run a task
 * @param replicas for {@link Policy#REPLICAS}: how many distinct providers run each task; 1 for the other policies
 * @param quorum for {@link Policy#REPLICAS}: how many of them must agree; 1 for the other policies
 * @param spotCheckRate for {@link Policy#SPOT_CHECK}: the fraction of tasks also run on a trusted provider; 0 otherwise
 * @param comparison how two results are compared
 */
public record VerifySpec(Policy policy, int replicas, int quorum, double spotCheckRate, Comparison comparison) {
    public static final int MIN_REPLICAS = 2;
    public static final int MAX_REPLICAS = 10;
    /** {@code verify: none}: every result is accepted as it is (the behaviour before verification existed). */
    public static final VerifySpec NONE = new VerifySpec(Policy.NONE, 1, 1, 0, Comparison.EXACT);
    /** {@code verify: adaptive}: the default for new jobs, exact comparison. */
    public static final VerifySpec ADAPTIVE = new VerifySpec(Policy.ADAPTIVE, 1, 1, 0, Comparison.EXACT);

    /** The verification schemes a spec may name. */
    public enum Policy {
        /** No verification. */
        NONE("none"),
        /** Every task runs on {@code replicas} providers; {@code quorum} of them must agree. */
        REPLICAS("replicas"),
        /** A random fraction of tasks also runs on a trusted provider. */
        SPOT_CHECK("spotCheck"),
        /** BOINC-style adaptive replication: untrusted providers' results are always replicated, trusted ones' sometimes. */
        ADAPTIVE("adaptive");

        private final String wire;

        Policy(String wire) {
            this.wire = wire;
        }

        /** The name a spec uses: none, replicas, spotCheck, adaptive. */
        public String wire() {
            return wire;
        }

        /** The policy a spec names, ignoring case and '-'/'_' (spot-check, spot_check); null when none has that name. */
        public static Policy fromWire(String s) {
            if (s == null) return null;
            String k = s.replace("-", "").replace("_", "");
            for (Policy p : values()) if (p.wire.equalsIgnoreCase(k)) return p;
            return null;
        }
    }

    public VerifySpec {
        if (policy == null) throw new IllegalArgumentException("a verify spec has a policy");
        if (comparison == null) comparison = Comparison.EXACT;
        if (policy == Policy.REPLICAS) {
            if (replicas < MIN_REPLICAS || replicas > MAX_REPLICAS)
                throw new IllegalArgumentException("replicas must be between " + MIN_REPLICAS + " and " + MAX_REPLICAS + ", was " + replicas);
            if (quorum < 1 || quorum > replicas) throw new IllegalArgumentException("quorum must be between 1 and replicas (" + replicas + "), was " + quorum);
        } else if (replicas != 1 || quorum != 1) {
            throw new IllegalArgumentException("replicas and quorum are 1 unless the policy is replicas, were " + replicas + " and " + quorum);
        }
        if (policy == Policy.SPOT_CHECK) {
            if (!(spotCheckRate > 0 && spotCheckRate <= 1)) throw new IllegalArgumentException("spot-check rate must be in (0, 1], was " + spotCheckRate);
        } else if (spotCheckRate != 0) {
            throw new IllegalArgumentException("a spot-check rate needs policy spotCheck, was " + spotCheckRate + " with " + policy);
        }
    }

    public static VerifySpec replicas(int replicas, int quorum, Comparison comparison) {
        return new VerifySpec(Policy.REPLICAS, replicas, quorum, 0, comparison);
    }

    public static VerifySpec spotCheck(double rate, Comparison comparison) {
        return new VerifySpec(Policy.SPOT_CHECK, 1, 1, rate, comparison);
    }

    public static VerifySpec adaptive(Comparison comparison) {
        return new VerifySpec(Policy.ADAPTIVE, 1, 1, 0, comparison);
    }

    /** The majority of {@code replicas}: the quorum when a spec names none. */
    public static int majority(int replicas) {
        return replicas / 2 + 1;
    }

    /** The policy in a spec's words, e.g. {@code replicas: 3, quorum: 2}. */
    public String describe() {
        String p = switch (policy) {
            case NONE -> "none";
            case REPLICAS -> "replicas: " + replicas + ", quorum: " + quorum;
            case SPOT_CHECK -> "spotCheck: " + spotCheckRate;
            case ADAPTIVE -> "adaptive";
        };
        return comparison.numeric() ? p + ", compare: " + comparison.describe() : p;
    }
}
