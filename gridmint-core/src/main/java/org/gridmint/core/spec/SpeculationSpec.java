package org.gridmint.core.spec;

/**
 * How a job speculates on its stragglers (its spec's {@code speculation} block, validated).
 *
 * @param slowdown how many times the job's median runtime a task's estimated runtime must exceed to get a backup
 * @param maxBackups how many backups may run at once; 0 means the job never speculates
 */
public record SpeculationSpec(double slowdown, int maxBackups) {
    /** A job without a speculation block: backups past twice the median, two at a time. */
    public static final SpeculationSpec DEFAULT = new SpeculationSpec(2.0, 2);
    /** {@code speculation: {enabled: false}}. */
    public static final SpeculationSpec OFF = new SpeculationSpec(2.0, 0);

    public SpeculationSpec {
        if (!(slowdown >= 1.0 && Double.isFinite(slowdown))) throw new IllegalArgumentException("slowdown must be finite and >= 1, was " + slowdown);
        if (maxBackups < 0) throw new IllegalArgumentException("maxBackups must be >= 0, was " + maxBackups);
    }

    public boolean enabled() {
        return maxBackups > 0;
    }
}
