package org.gridmint.core;

import java.time.Duration;
import java.time.Instant;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.scheduling.TaskRecord;
import org.gridmint.core.scheduling.TaskRules;

/**
 * Valid domain objects for tests, so a test states only what differs. Time is a fixed instant: tests move
 * it with {@code NOW.plusSeconds(..)}, never by reading a clock.
 */
public final class CoreFixtures {
    public static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    public static final Duration LEASE = Duration.ofSeconds(30);
    public static final int RETRIES = 3;

    private CoreFixtures() {}

    public static JobId jobId() {
        return JobId.of("job-1");
    }

    public static TaskId taskId() {
        return taskId(0);
    }

    public static TaskId taskId(int index) {
        return new TaskId(jobId(), index);
    }

    public static ProviderId providerId(String name) {
        return ProviderId.of("prov-" + name);
    }

    public static AttemptId attemptId(int n) {
        return AttemptId.of("att-" + n);
    }

    /** A pending task that has had no attempt. */
    public static TaskRecord task() {
        return TaskRecord.pending(taskId(), NOW);
    }

    /** {@link #task()} assigned to prov-a at {@link #NOW}: attempt #1, ASSIGNED, lease until NOW + LEASE. */
    public static TaskRules.Step assigned() {
        return TaskRules.assign(task(), attemptId(1), providerId("a"), NOW, LEASE);
    }

    /** {@link #assigned()} after its first heartbeat one second later: attempt #1, RUNNING. */
    public static TaskRules.Step running() {
        var s = assigned();
        return TaskRules.heartbeat(s.task(), s.attempt(), null, NOW.plusSeconds(1), LEASE);
    }

    /** A provider that fits {@link #requirements()}: 8 cpus, 16 GB, no GPU, eu-west, 0.5 credits/h. */
    public static ProviderFixture provider() {
        return new ProviderFixture();
    }

    /** Requirements that {@link #provider()} meets: the default resources, any region, at most 1 credit/h. */
    public static RequirementsFixture requirements() {
        return new RequirementsFixture();
    }

    /** The smallest valid job spec draft: a name and a command; everything else left to defaults. */
    public static DraftFixture draft() {
        return new DraftFixture();
    }
}
