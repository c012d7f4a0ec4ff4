package org.gridmint.core.scheduling;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
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

    /** Why {@code p} cannot run a task with {@code r}, or empty if it can. */
    public static Optional<String> misfit(ProviderSnapshot p, Requirements r) {
        var res = r.resources();
        if (p.cpus() < res.cpu()) return Optional.of("cpu: needs " + res.cpu() + ", provider has " + p.cpus());
        if (p.memoryMb() < res.memoryMb()) return Optional.of("memoryMb: needs " + res.memoryMb() + ", provider has " + p.memoryMb());
        if (res.gpus() > 0) {
            long matching = p.gpus().stream()
                    .filter(g -> res.gpuModel() == null || g.model().toLowerCase(Locale.ROOT).contains(res.gpuModel().toLowerCase(Locale.ROOT)))
                    .filter(g -> g.memoryMb() >= res.minGpuMemoryMb())
                    .count();
            if (matching < res.gpus())
                return Optional.of("gpus: needs " + res.gpus() + (res.gpuModel() == null ? "" : " " + res.gpuModel())
                        + (res.minGpuMemoryMb() > 0 ? " with >= " + res.minGpuMemoryMb() + " MB" : "") + ", provider has " + matching);
        }
        if (!r.regions().isEmpty() && !r.regions().contains(p.region()))
            return Optional.of("regions: allows " + r.regions() + ", provider is in " + p.region());
        if (p.price().compareTo(r.maxPrice()) > 0)
            return Optional.of("maxPrice: caps at " + r.maxPrice() + "/h, provider asks " + p.price() + "/h");
        return Optional.empty();
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
