package org.gridmint.core.spec;

import java.math.BigDecimal;
import java.util.List;
import org.gridmint.core.spec.Comparison.Format;
import org.gridmint.core.spec.JobSpecDraft.CompareDraft;
import org.gridmint.core.spec.JobSpecDraft.VerifyDraft;
import org.gridmint.core.spec.VerifySpec.Policy;

/** Checks a spec's {@code verify} key field by field for {@link JobSpecValidator}; kept apart so the validator stays short. */
final class VerifyValidation {
    private VerifyValidation() {}

    /** What an embed job's results are compared with when its spec names no comparison: each item's vector by cosine. */
    static final Comparison EMBED_COMPARISON = new Comparison(Format.NPY, 0, 0, 0.9999);

    /**
     * The default when a spec says nothing: adaptive replication with exact comparison, or for an embed job
     * ({@code embed}) with {@link #EMBED_COMPARISON}, which an embed job also gets when its verify key has no compare
     * block. An embed job's output is .npy, so its compare block's format is npy or left out.
     */
    static VerifySpec verify(List<FieldError> errors, VerifyDraft d, boolean embed) {
        if (d == null) return embed ? VerifySpec.adaptive(EMBED_COMPARISON) : VerifySpec.ADAPTIVE;
        int before = errors.size();
        Policy policy = policy(errors, d);
        Comparison comparison = embed ? embedComparison(errors, d.compare()) : comparison(errors, d.compare());
        if (policy == Policy.NONE && d.compare() != null)
            errors.add(new FieldError("verify.compare", "has nothing to compare with policy none; drop it or choose another policy"));
        if (policy != Policy.REPLICAS) {
            if (d.quorum() != null && d.replicas() == null)
                errors.add(new FieldError("verify.quorum", "needs replicas, e.g. {replicas: 3, quorum: 2}"));
        }
        int replicas = 1;
        int quorum = 1;
        if (policy == Policy.REPLICAS) {
            if (d.replicas() == null) {
                errors.add(new FieldError("verify.replicas", "is required with policy replicas: how many providers run each task (2-10)"));
            } else if (d.replicas() < VerifySpec.MIN_REPLICAS || d.replicas() > VerifySpec.MAX_REPLICAS) {
                errors.add(new FieldError("verify.replicas", "must be between " + VerifySpec.MIN_REPLICAS + " and " + VerifySpec.MAX_REPLICAS + ", was " + d.replicas()));
            } else {
                replicas = d.replicas();
                quorum = d.quorum() == null ? VerifySpec.majority(replicas) : d.quorum();
                if (quorum < 1 || quorum > replicas)
                    errors.add(new FieldError("verify.quorum", "must be between 1 and replicas (" + replicas + "), was " + quorum));
            }
        }
        double rate = 0;
        if (policy == Policy.SPOT_CHECK) {
            if (d.spotCheck() == null) {
                errors.add(new FieldError("verify.spotCheck", "is required with policy spotCheck: the fraction of tasks checked, e.g. 0.05"));
            } else if (d.spotCheck().signum() <= 0 || d.spotCheck().compareTo(BigDecimal.ONE) > 0) {
                errors.add(new FieldError("verify.spotCheck", "must be more than 0 and at most 1 (a fraction of tasks), was " + d.spotCheck().toPlainString()));
            } else {
                rate = d.spotCheck().doubleValue();
            }
        }
        if (errors.size() > before || policy == null) return VerifySpec.ADAPTIVE;
        // Policy none compares nothing: it keeps the exact comparison, as an exec job's does.
        return new VerifySpec(policy, replicas, quorum, rate, policy == Policy.NONE ? Comparison.EXACT : comparison);
    }

    /** An embed job's comparison: {@link #EMBED_COMPARISON} without a block or with an empty one; npy if the block names no format. */
    private static Comparison embedComparison(List<FieldError> errors, CompareDraft c) {
        if (c == null || (c.format() == null && c.absolute() == null && c.relative() == null && c.cosine() == null)) return EMBED_COMPARISON;
        if (c.format() != null && Format.fromWire(c.format()) != Format.NPY) {
            errors.add(new FieldError("verify.compare.format", "must be npy for runtime embed (its output is " + EmbedSpec.OUTPUT + "), was '" + c.format() + "'"));
            return EMBED_COMPARISON;
        }
        return comparison(errors, new CompareDraft(Format.NPY.wire(), c.absolute(), c.relative(), c.cosine()));
    }

    /** The policy named, or the one its fields imply: replicas, spotCheck, else adaptive. Null after an error. */
    private static Policy policy(List<FieldError> errors, VerifyDraft d) {
        boolean hasReplicas = d.replicas() != null;
        boolean hasSpot = d.spotCheck() != null;
        if (hasReplicas && hasSpot) {
            errors.add(new FieldError("verify", "gives both replicas and spotCheck; choose one policy"));
            return null;
        }
        if (d.policy() == null) return hasReplicas ? Policy.REPLICAS : hasSpot ? Policy.SPOT_CHECK : Policy.ADAPTIVE;
        Policy p = Policy.fromWire(d.policy());
        if (p == null) {
            errors.add(new FieldError("verify.policy", "unknown policy '" + d.policy() + "' (known: none, adaptive, replicas, spotCheck)"));
            return null;
        }
        if (hasReplicas && p != Policy.REPLICAS)
            errors.add(new FieldError("verify.replicas", "is only for policy replicas, but the policy is " + p.wire()));
        if (hasSpot && p != Policy.SPOT_CHECK)
            errors.add(new FieldError("verify.spotCheck", "is only for policy spotCheck, but the policy is " + p.wire()));
        return p;
    }

    /** Exact when there is no compare block; numpy.allclose's tolerances for a numeric format that names none. */
    private static Comparison comparison(List<FieldError> errors, CompareDraft c) {
        if (c == null) return Comparison.EXACT;
        int before = errors.size();
        Format format = Format.EXACT;
        if (c.format() != null) {
            format = Format.fromWire(c.format());
            if (format == null) {
                errors.add(new FieldError("verify.compare.format", "unknown format '" + c.format() + "' (known: exact, json, f32le, npy)"));
                return Comparison.EXACT;
            }
        }
        boolean tolerance = c.absolute() != null || c.relative() != null || c.cosine() != null;
        if (format == Format.EXACT) {
            if (tolerance)
                errors.add(new FieldError("verify.compare.format", "is exact (digests), which takes no tolerance; name a numeric format: json, f32le or npy"));
            return Comparison.EXACT;
        }
        double absolute = nonNegative(errors, "verify.compare.absolute", c.absolute());
        double relative = nonNegative(errors, "verify.compare.relative", c.relative());
        if (relative > 1) errors.add(new FieldError("verify.compare.relative", "must be at most 1 (a fraction), was " + c.relative().toPlainString()));
        double cosine = 0;
        if (c.cosine() != null) {
            if (c.cosine().signum() <= 0 || c.cosine().compareTo(BigDecimal.ONE) > 0)
                errors.add(new FieldError("verify.compare.cosine", "must be more than 0 and at most 1 (the least cosine similarity), was " + c.cosine().toPlainString()));
            else cosine = c.cosine().doubleValue();
        }
        if (errors.size() > before) return Comparison.EXACT;
        if (c.absolute() == null && c.relative() == null) {
            // Only a cosine: a per-vector check alone. Nothing at all: numpy.allclose's defaults.
            return c.cosine() != null ? new Comparison(format, 0, 0, cosine) : Comparison.numeric(format);
        }
        return new Comparison(format, absolute, relative, cosine);
    }

    private static double nonNegative(List<FieldError> errors, String field, BigDecimal v) {
        if (v == null) return 0;
        double d = v.doubleValue();
        if (v.signum() < 0 || !Double.isFinite(d)) {
            errors.add(new FieldError(field, "must be a number >= 0, was " + v.toPlainString()));
            return 0;
        }
        return d;
    }
}
