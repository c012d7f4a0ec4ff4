package org.gridmint.core.market;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;

/**
 * What {@link Matcher#plan} proposes: tasks placed on providers (in queue order), tasks left pending with the reason,
 * and, per provider, why it was last skipped for a task it fits. The coordinator applies it and re-checks each
 * assignment against current state; a plan is never the truth.
 */
public final class Plan {
    private final List<Assignment> assignments;
    private final List<Unplaced> unplaced;
    private final Map<ProviderId, Skip> skips;
    private final Map<ProviderId, List<TaskId>> byProvider;

    /** Takes {@code skips} as it is, without a copy: only the matcher makes plans, and it builds the map for this one alone. */
    Plan(List<Assignment> assignments, List<Unplaced> unplaced, HashMap<ProviderId, Skip> skips) {
        this.assignments = List.copyOf(assignments);
        this.unplaced = List.copyOf(unplaced);
        this.skips = Collections.unmodifiableMap(skips);
        var by = HashMap.<ProviderId, List<TaskId>>newHashMap(this.assignments.size());
        for (Assignment a : this.assignments) by.computeIfAbsent(a.provider(), k -> new ArrayList<>(2)).add(a.task());
        by.replaceAll((k, v) -> List.copyOf(v));
        this.byProvider = by;
    }

    /** Every placement, in the pending tasks' queue order. */
    public List<Assignment> assignments() {
        return assignments;
    }

    /** Every task it could not place, in queue order. */
    public List<Unplaced> unplaced() {
        return unplaced;
    }

    /** The tasks planned for {@code provider}, in queue order: what its next claim gets. */
    public List<TaskId> forProvider(ProviderId provider) {
        return byProvider.getOrDefault(provider, List.of());
    }

    /** Why {@code provider} was last skipped for a task it fits in this plan, if it was. */
    public Optional<Skip> skipped(ProviderId provider) {
        return Optional.ofNullable(skips.get(provider));
    }

    /** At most one skip per provider: the one for the latest task in queue order. */
    public Map<ProviderId, Skip> skips() {
        return skips;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Plan p && assignments.equals(p.assignments) && unplaced.equals(p.unplaced) && skips.equals(p.skips);
    }

    @Override
    public int hashCode() {
        return Objects.hash(assignments, unplaced, skips);
    }

    @Override
    public String toString() {
        return "Plan[" + assignments.size() + " assigned, " + unplaced.size() + " unplaced, " + skips.size() + " skips]";
    }
}
