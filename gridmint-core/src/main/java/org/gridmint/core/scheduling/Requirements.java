package org.gridmint.core.scheduling;

import java.util.List;
import org.gridmint.core.money.Credits;
import org.gridmint.core.spec.JobSpec;
import org.gridmint.core.spec.Resources;

/**
 * What a job asks of any provider that runs one of its tasks.
 *
 * @param minStake the least a provider must have staked to get one of its tasks; {@link Credits#ZERO} when the job sets none
 * @param model the model a provider must serve (an embed job's); null: none
 */
public record Requirements(Resources resources, Credits maxPrice, List<String> regions, Credits minStake, String model) {
    public Requirements {
        regions = List.copyOf(regions);
        if (minStake == null) minStake = Credits.ZERO;
        if (model != null && model.isBlank()) throw new IllegalArgumentException("a required model has a name (null: none)");
        if (minStake.micros() < 0) throw new IllegalArgumentException("minStake must be >= 0, was " + minStake);
    }

    /** Requirements without a model. */
    public Requirements(Resources resources, Credits maxPrice, List<String> regions, Credits minStake) {
        this(resources, maxPrice, regions, minStake, null);
    }

    /** Requirements without a minimum stake or a model. */
    public Requirements(Resources resources, Credits maxPrice, List<String> regions) {
        this(resources, maxPrice, regions, Credits.ZERO);
    }

    /** What {@code spec} asks of a provider; its minimum stake, if it sets none (null), is ZERO; an embed job's model. */
    public static Requirements of(JobSpec spec) {
        return new Requirements(spec.resources(), spec.maxPrice(), spec.regions(), spec.minStake(), spec.embeds() ? spec.embed().model() : null);
    }
}
