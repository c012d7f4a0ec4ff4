package org.gridmint.core.market;

import java.time.Instant;

/**
 * Places pending tasks on providers: a pure function from a {@link MarketSnapshot} and {@code now} to a {@link Plan}.
 *
 * <p>For each task in queue order it picks, among {@link Health#HEALTHY} providers with a free slot that fit the task
 * (resources, regions, an hourly price at most the task's price cap, at least the job's minimum stake), and that the
 * task does not exclude ({@link MarketSnapshot.PendingTask#excluded}, {@link MarketSnapshot.PendingTask#only}), the one with the lowest expected cost for the
 * client: hourly price × expected duration × speed ÷ reliability. The hourly price is what the task's resources cost
 * at the provider's asks per resource class ({@link org.gridmint.core.scheduling.ProviderSnapshot#hourlyPrice}): its
 * GPUs × the ask for those GPUs, or its cores × the cpu ask for a CPU-only task. Ties go to the smaller provider id. Then:
 * <ul>
 *   <li>The provider that failed the task last is passed over while another healthy provider fits, even a busy one:
 *       the task then waits rather than go back to it.
 *   <li>Spread: if the cheapest already has tasks of the same job in this plan, the matcher looks at every candidate
 *       whose expected cost is within {@link #SPREAD_TOLERANCE} of the cheapest and takes the one with the fewest tasks
 *       of that job (then the cheapest, then the smaller id). A job pays at most 5% more per task for not having all
 *       its tasks fail together with one machine.
 *   <li>Each placement takes a slot; a provider with none left is not considered again.
 * </ul>
 * A task it cannot place comes back as {@link Unplaced} with {@link Unplaced.Reason#NO_FIT} (and, per constraint, how
 * many providers fail it), {@link Unplaced.Reason#NO_HEALTHY_FIT}, {@link Unplaced.Reason#BUSY}, or
 * {@link Unplaced.Reason#EXCLUDED} when providers fit but the task excludes every one of them.
 *
 * <p>Cost: a task's price is its units (cores or GPUs) × a unit ask that depends only on its price basis (cpu, or the
 * GPUs it can use), so providers are ranked once per basis by unit ask × speed ÷ reliability (in practice: one ranking
 * for CPU-only tasks and one per GPU model asked for), and a task scans its basis's ranking for the first that fits and
 * has a free slot. Providers with identical resources share one fit test
 * per distinct requirements; each distinct requirements keeps a cursor past the ranks that cannot serve it (they do
 * not fit, or are full, and slots only go down within a plan), and full ranks are skipped by a union-find "next free"
 * pointer. A plan costs a sort of the providers plus, per task, the ranks it looks at, which in the common case is a
 * handful; the spread window, a retried task's detour past its last provider, and a task with exclusions (which scans
 * past the providers it excludes without moving the shared cursor) are the exceptions.
 *
 * <p>Concurrency: none inside; a plan is computed on one thread from an immutable snapshot, so any number may run at
 * once. Failure modes: none at run time beyond the snapshot's own validation; a plan can be stale by the time it is
 * applied (a provider went away, a task was cancelled), which is why the coordinator re-checks each assignment.
 */
public final class Matcher {
    /** How far above the cheapest expected cost a candidate may be and still be chosen to spread a job's tasks. */
    public static final double SPREAD_TOLERANCE = 0.05;

    private Matcher() {}

    /** The plan for {@code snapshot} at {@code now}: deterministic, the same snapshot and instant give the same plan. */
    public static Plan plan(MarketSnapshot snapshot, Instant now) {
        if (snapshot == null || now == null) throw new IllegalArgumentException("plan needs a snapshot and now");
        return new MatchRun(snapshot, now).run();
    }
}
