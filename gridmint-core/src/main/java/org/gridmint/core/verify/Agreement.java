package org.gridmint.core.verify;

/**
 * Whether two results of a task agree, and the evidence in words that a verdict records and users read.
 * The distances are those of a numeric comparison; an exact comparison measures none and leaves them NaN.
 *
 * @param agrees whether the results count as the same result
 * @param evidence what was compared and what was found, e.g. which file differed and by how much
 * @param maxAbs the largest {@code |a-b|} over all elements of all files; NaN when not measured
 * @param maxRel the largest {@code |a-b| / max(|a|,|b|)}; NaN when not measured
 * @param minCosine the least cosine similarity over the files; NaN when not measured
 */
public record Agreement(boolean agrees, String evidence, double maxAbs, double maxRel, double minCosine) {
    public Agreement {
        if (evidence == null || evidence.isBlank()) throw new IllegalArgumentException("an agreement states its evidence");
    }

    /** An agreement without distances (exact comparison, or a mismatch found before any number was compared). */
    public static Agreement unmeasured(boolean agrees, String evidence) {
        return new Agreement(agrees, evidence, Double.NaN, Double.NaN, Double.NaN);
    }

    /** Whether numbers were compared, so the distances mean something. */
    public boolean measured() {
        return !Double.isNaN(maxAbs) || !Double.isNaN(minCosine);
    }
}
