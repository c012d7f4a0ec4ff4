package org.gridmint.core.scheduling;

import java.util.List;
import org.gridmint.core.money.Credits;
import org.gridmint.core.spec.JobSpec;
import org.gridmint.core.spec.Resources;

/** What a job asks of any provider that runs one of its tasks. */
public record Requirements(Resources resources, Credits maxPrice, List<String> regions) {
    public Requirements {
        regions = List.copyOf(regions);
    }

    public static Requirements of(JobSpec spec) {
        return new Requirements(spec.resources(), spec.maxPrice(), spec.regions());
    }
}
