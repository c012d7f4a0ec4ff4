package org.gridmint.core.scheduling;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;

/**
 * Which pending tasks a claiming provider gets. Providers pull, so placement answers one provider at a
 * time over a snapshot of candidates (oldest first) and of the other live providers.
 */
public final class Placement {
    private Placement() {}

    /** A pending task as placement sees it. */
    public record Candidate(TaskId task, Requirements requirements, ProviderId lastFailedProvider) {}

    /** Why {@code p} cannot run a task with {@code r}, or empty if it can: the first {@link Constraint} it fails, in words. */
    public static Optional<String> misfit(ProviderSnapshot p, Requirements r) {
        for (Constraint c : Constraint.values()) {
            if (c.failedBy(p, r)) return Optional.of(c.field() + ": " + why(c, p, r));
        }
        return Optional.empty();
    }

    private static String why(Constraint c, ProviderSnapshot p, Requirements r) {
        var res = r.resources();
        return switch (c) {
            case CPU -> "needs " + res.cpu() + ", provider has " + p.cpus();
            case MEMORY_MB -> "needs " + res.memoryMb() + ", provider has " + p.memoryMb();
            case GPUS -> "needs " + res.gpus() + (res.gpuModel() == null ? "" : " " + res.gpuModel())
                    + (res.minGpuMemoryMb() > 0 ? " with >= " + res.minGpuMemoryMb() + " MB" : "") + ", provider has " + Constraint.matchingGpus(p, r);
            case REGIONS -> "allows " + r.regions() + ", provider is in " + p.region();
            case MAX_PRICE -> "caps at " + r.maxPrice() + "/h, provider asks " + p.hourlyPrice(res) + "/h for its resources";
            case MIN_STAKE -> "needs at least " + r.minStake() + " staked, provider has " + p.stake();
            case MODEL -> "needs model " + r.model() + ", provider serves " + (p.models().isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(p.models())));
        };
    }

    /**
     * Picks up to {@code max} candidates for {@code claimer}, in the candidates' order. A task is not handed
     * back to the provider that just failed it while another live provider fits it.
     */
    public static List<TaskId> choose(ProviderSnapshot claimer, List<Candidate> candidates, Collection<ProviderSnapshot> live, int max) {
        List<TaskId> chosen = new ArrayList<>();
        for (Candidate c : candidates) {
            if (chosen.size() >= max) break;
            if (misfit(claimer, c.requirements()).isPresent()) continue;
            if (claimer.id().equals(c.lastFailedProvider()) && anotherFits(claimer.id(), c, live)) continue;
            chosen.add(c.task());
        }
        return chosen;
    }

    private static boolean anotherFits(ProviderId self, Candidate c, Collection<ProviderSnapshot> live) {
        for (ProviderSnapshot p : live) {
            if (!p.id().equals(self) && misfit(p, c.requirements()).isEmpty()) return true;
        }
        return false;
    }
}
