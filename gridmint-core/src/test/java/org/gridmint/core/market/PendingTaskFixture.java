package org.gridmint.core.market;

import org.gridmint.core.CoreFixtures;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.market.MarketSnapshot.PendingTask;
import org.gridmint.core.scheduling.Requirements;

/**
 * Builds a {@link PendingTask}; start from {@link MarketFixtures#task(int)}. By default a task of job-1 with the core
 * fixture's requirements (which the default provider meets), expected to take one hour, failed by nobody.
 */
public final class PendingTaskFixture {
    private JobId job = CoreFixtures.jobId();
    private final int index;
    private Requirements requirements = CoreFixtures.requirements().build();
    private long expectedMillis = 3_600_000;
    private String failedOn;
    private java.util.Set<org.gridmint.core.ids.ProviderId> excluded = java.util.Set.of();
    private java.util.Set<org.gridmint.core.ids.ProviderId> only;

    PendingTaskFixture(int index) {
        this.index = index;
    }

    public PendingTaskFixture ofJob(String job) {
        this.job = JobId.of(job);
        return this;
    }

    public PendingTaskFixture needing(Requirements requirements) {
        this.requirements = requirements;
        return this;
    }

    public PendingTaskFixture lasting(long millis) {
        this.expectedMillis = millis;
        return this;
    }

    /** Last failed by prov-{@code name}. */
    public PendingTaskFixture failedOn(String name) {
        this.failedOn = name;
        return this;
    }

    /** Never placed on prov-{@code names}: they ran it, or share an owner with one that did. */
    public PendingTaskFixture excluding(String... names) {
        this.excluded = java.util.Arrays.stream(names).map(CoreFixtures::providerId).collect(java.util.stream.Collectors.toSet());
        return this;
    }

    /** Placed only on prov-{@code names} (the trusted ones, say). */
    public PendingTaskFixture onlyOn(String... names) {
        this.only = java.util.Arrays.stream(names).map(CoreFixtures::providerId).collect(java.util.stream.Collectors.toSet());
        return this;
    }

    public PendingTask build() {
        return new PendingTask(new TaskId(job, index), requirements, expectedMillis, failedOn == null ? null : CoreFixtures.providerId(failedOn),
                excluded, only);
    }
}
