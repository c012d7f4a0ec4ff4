package org.gridmint.core.market;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.scheduling.ProviderSnapshot;
import org.gridmint.core.scheduling.Requirements;

/**
 * An immutable view of the market for one {@link Matcher#plan}: the providers, and the pending tasks in queue order.
 * Provider ids are unique, and so are task ids.
 */
public record MarketSnapshot(List<Provider> providers, List<PendingTask> tasks) {
    public MarketSnapshot {
        providers = List.copyOf(providers);
        tasks = List.copyOf(tasks);
        var ids = new HashSet<ProviderId>(providers.size() * 2);
        for (Provider p : providers) {
            if (!ids.add(p.id())) throw new IllegalArgumentException("provider " + p.id() + " appears twice in the snapshot");
        }
        var taskIds = new HashSet<TaskId>(tasks.size() * 2);
        for (PendingTask t : tasks) {
            if (!taskIds.add(t.task())) throw new IllegalArgumentException("task " + t.task() + " appears twice in the snapshot");
        }
    }

    /**
     * One provider as the market sees it: its offer (resources, region, ask per hour), how many more tasks it can take,
     * what the market believes of it and whether it may get work now.
     *
     * @param freeSlots slots not taken by work it already holds, in [0, offer.slots]
     * @param lastSeen when it was last heard from, to say how long it has been silent
     * @param quarantinedUntil the end of its latest quarantine, or null if none
     */
    public record Provider(ProviderSnapshot offer, int freeSlots, Reputation reputation, Health health, Instant lastSeen, Instant quarantinedUntil) {
        public Provider {
            if (offer == null || reputation == null || health == null || lastSeen == null)
                throw new IllegalArgumentException("a market provider needs an offer, a reputation, a health and lastSeen");
            if (freeSlots < 0 || freeSlots > offer.slots())
                throw new IllegalArgumentException("provider " + offer.id() + ": freeSlots must be in [0, " + offer.slots() + "], was " + freeSlots);
        }

        /** A provider whose health follows from {@link Health#of} at {@code now}. */
        public static Provider at(ProviderSnapshot offer, int freeSlots, Reputation reputation, Instant lastSeen, Instant quarantinedUntil,
                                  Duration heartbeatInterval, Instant now) {
            return at(offer, freeSlots, reputation, lastSeen, quarantinedUntil, false, heartbeatInterval, now);
        }

        /** As {@link #at(ProviderSnapshot, int, Reputation, Instant, Instant, Duration, Instant)}, DRAINING when {@code draining}. */
        public static Provider at(ProviderSnapshot offer, int freeSlots, Reputation reputation, Instant lastSeen, Instant quarantinedUntil,
                                  boolean draining, Duration heartbeatInterval, Instant now) {
            return new Provider(offer, freeSlots, reputation, Health.of(lastSeen, now, heartbeatInterval, quarantinedUntil, draining), lastSeen,
                    quarantinedUntil);
        }

        public ProviderId id() {
            return offer.id();
        }
    }

    /**
     * One task waiting for a provider.
     *
     * @param expectedMillis how long the task is expected to run on a provider of speed 1.0 (the job's median, say)
     * @param lastFailedProvider the provider whose attempt at it last failed, avoided while another fits; null if none
     * @param excluded providers it is never placed on, whatever else fits: a replica needs a provider that has not run the
     *     task and shares no owner with one that has; empty when none
     * @param only when not null, the only providers it may be placed on (the trusted ones, for a spot check or a
     *     tie-breaker); null for any
     */
    public record PendingTask(TaskId task, Requirements requirements, long expectedMillis, ProviderId lastFailedProvider,
                              Set<ProviderId> excluded, Set<ProviderId> only) {
        public PendingTask {
            if (task == null || requirements == null) throw new IllegalArgumentException("a pending task needs an id and requirements");
            if (expectedMillis < 0) throw new IllegalArgumentException("task " + task + ": expectedMillis must be >= 0, was " + expectedMillis);
            excluded = excluded == null ? Set.of() : Set.copyOf(excluded);
            if (only != null) only = Set.copyOf(only);
        }

        /** A task that any provider may run. */
        public PendingTask(TaskId task, Requirements requirements, long expectedMillis, ProviderId lastFailedProvider) {
            this(task, requirements, expectedMillis, lastFailedProvider, Set.of(), null);
        }

        /** Whether it limits its providers beyond its requirements: some are excluded, or only some are allowed. */
        public boolean restricted() {
            return !excluded.isEmpty() || only != null;
        }

        /** Whether it may run on {@code provider} as far as its exclusions go (its requirements aside). */
        public boolean allows(ProviderId provider) {
            return !excluded.contains(provider) && (only == null || only.contains(provider));
        }
    }
}
