package org.gridmint.core.market;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.market.MarketSnapshot.PendingTask;
import org.gridmint.core.market.MarketSnapshot.Provider;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.Requirements;

/**
 * One run of {@link Matcher#plan}: the mutable working state of a single plan, thrown away when it returns. Providers
 * are numbered {@code p} in snapshot order. Each price basis (per core-hour, or per GPU-hour of the GPUs a task can
 * use) has its own {@link Ranking} of the healthy providers with a free slot, built when a task first needs it; the
 * slots they draw from are shared.
 */
final class MatchRun {
    private final List<Provider> providers;
    private final List<PendingTask> tasks;
    private final Instant now;
    private final int n;

    private final Shapes shapes;
    private final long[] cpuAsk; // by p: micro-credits per core-hour
    private final double[] factor; // by p: speed ÷ reliability, what turns an ask into an expected cost
    private final int[] free; // by p: slots left, taken as the plan places
    private final long[] stake; // by p: micro-credits staked

    private final Map<Ranking.Basis, Ranking> rankings = new HashMap<>();
    private final Map<Requirements, RequirementClass> classes = new HashMap<>();
    private final List<RequirementClass> classList = new ArrayList<>();
    private Map<ProviderId, Integer> indexById;
    private final Map<JobId, Integer> jobNumbers = new HashMap<>();
    private final Map<Long, Integer> jobLoad = new HashMap<>(); // (job number << 32 | p) -> tasks of that job placed there

    private final Skip[] skips; // by p
    private final int[] skipSeq; // by p: the queue position of the task it was skipped for, -1 if none
    private final List<Assignment> assignments = new ArrayList<>();
    private final List<Unplaced> unplaced = new ArrayList<>();
    private int[] seen = new int[16];

    MatchRun(MarketSnapshot snapshot, Instant now) {
        this.providers = snapshot.providers();
        this.tasks = snapshot.tasks();
        this.now = now;
        this.n = providers.size();
        this.shapes = new Shapes(providers);
        this.cpuAsk = new long[n];
        this.factor = new double[n];
        this.free = new int[n];
        this.stake = new long[n];
        for (int p = 0; p < n; p++) {
            Provider pr = providers.get(p);
            cpuAsk[p] = pr.offer().asks().cpu().micros();
            factor[p] = pr.reputation().speed() / pr.reputation().reliability();
            free[p] = pr.freeSlots();
            stake[p] = pr.offer().stake().micros();
        }
        this.skips = new Skip[n];
        this.skipSeq = new int[n];
        Arrays.fill(skipSeq, -1);
    }

    Plan run() {
        for (int seq = 0; seq < tasks.size(); seq++) place(seq, tasks.get(seq));
        new SkipPass().run();
        int count = 0;
        for (Skip s : skips) if (s != null) count++;
        HashMap<ProviderId, Skip> bySkip = HashMap.newHashMap(count);
        for (int p = 0; p < n; p++) {
            if (skips[p] != null) bySkip.put(providers.get(p).id(), skips[p]);
        }
        return new Plan(assignments, unplaced, bySkip);
    }

    /**
     * Places one task. A task with exclusions ({@link PendingTask#restricted}) scans from the class's cursor like the
     * others but never moves it past a provider that it alone may not use: the cursor stands for every task of the class.
     * Only such a task pays for set lookups; the others take the same path as before exclusions existed.
     */
    private void place(int seq, PendingTask t) {
        RequirementClass c = classOf(t);
        Ranking r = c.ranking;
        boolean restricted = t.restricted();
        c.lastSeq = seq;
        c.lastTask = t.task();
        c.lastRestricted = restricted ? t : null;
        int failedPos = failedPos(t, c);
        boolean avoid = failedPos >= 0 && (restricted ? allowedFits(t, c)[1] > 1 : c.healthyFits() > 1);

        int first = firstCandidate(c);
        if (restricted) first = allowedFrom(t, c, first, Double.POSITIVE_INFINITY);
        if (avoid && first == failedPos) {
            skip(r.ranked[first], seq, new Skip.FailedItLast(t.task()));
            first = nextCandidate(c, first, Double.POSITIVE_INFINITY);
            if (restricted) first = allowedFrom(t, c, first, Double.POSITIVE_INFINITY);
        }
        if (first == r.m) {
            unplaced.add(restricted ? unplacedRestricted(t, c) : c.unplaced(t));
            return;
        }
        int job = jobNumbers.computeIfAbsent(t.task().job(), j -> jobNumbers.size());
        int chosen = first;
        int chosenLoad = load(job, r.ranked[first]);
        if (chosenLoad > 0) {
            // Spread: the cheapest already runs this job's tasks; look for one with fewer within the tolerance.
            int seenCount = 0;
            seen = ensure(seen, 1);
            seen[seenCount++] = first;
            double limit = r.rankPerUnitHour[first] * (1 + Matcher.SPREAD_TOLERANCE);
            for (int j = nextCandidate(c, first, limit); j < r.m; j = nextCandidate(c, j, limit)) {
                if (restricted && !allowed(t, c, j)) continue;
                if (avoid && j == failedPos) {
                    skip(r.ranked[j], seq, new Skip.FailedItLast(t.task()));
                    continue;
                }
                seen = ensure(seen, seenCount + 1);
                seen[seenCount++] = j;
                int l = load(job, r.ranked[j]);
                if (l < chosenLoad) {
                    chosen = j;
                    chosenLoad = l;
                    if (l == 0) break;
                }
            }
            ProviderId to = providers.get(r.ranked[chosen]).id();
            for (int i = 0; i < seenCount; i++) {
                if (seen[i] != chosen) skip(r.ranked[seen[i]], seq, new Skip.Spread(t.task(), to, load(job, r.ranked[seen[i]])));
            }
        }
        take(seq, t, c, job, chosen);
    }

    private void take(int seq, PendingTask t, RequirementClass c, int job, int pos) {
        int p = c.ranking.ranked[pos];
        free[p]--;
        jobLoad.merge(loadKey(job, p), 1, Integer::sum);
        long cost = (long) Math.ceil(c.perHour(p) * t.expectedMillis() / 3_600_000.0);
        assignments.add(new Assignment(t.task(), providers.get(p).id(), Credits.ofMicros(cost)));
        c.lastChosenPos = pos;
        c.lastChosenSeq = seq;
    }

    private RequirementClass classOf(PendingTask t) {
        RequirementClass c = classes.get(t.requirements());
        if (c == null) {
            Ranking r = rankings.computeIfAbsent(Ranking.Basis.of(t.requirements().resources()),
                    b -> new Ranking(b, providers, shapes, cpuAsk, factor, free));
            c = new RequirementClass(t.requirements(), r, shapes, providers, stake);
            classes.put(t.requirements(), c);
            classList.add(c);
        }
        return c;
    }

    /** The rank of the provider that failed {@code t} last, if it is ranked and fits; -1 otherwise. */
    private int failedPos(PendingTask t, RequirementClass c) {
        if (t.lastFailedProvider() == null) return -1;
        Integer p = index().get(t.lastFailedProvider());
        if (p == null) return -1;
        int pos = c.ranking.posOf(p);
        if (pos < 0 || !c.fits(pos)) return -1;
        return pos;
    }

    private Map<ProviderId, Integer> index() {
        if (indexById == null) {
            indexById = HashMap.newHashMap(n);
            for (int p = 0; p < n; p++) indexById.put(providers.get(p).id(), p);
        }
        return indexById;
    }

    /** Whether restricted task {@code t} may use rank {@code pos}. */
    private boolean allowed(PendingTask t, RequirementClass c, int pos) {
        return t.allows(providers.get(c.ranking.ranked[pos]).id());
    }

    /** From candidate rank {@code pos} on, the first that {@code t} may use, at most {@code limit} per unit-hour; m if none. */
    private int allowedFrom(PendingTask t, RequirementClass c, int pos, double limit) {
        while (pos < c.ranking.m && !allowed(t, c, pos)) pos = nextCandidate(c, pos, limit);
        return pos;
    }

    /**
     * How many providers fit restricted task {@code t} and may run it: {all, healthy}, busy or not. Costs the size of
     * its sets, not of the market.
     */
    private int[] allowedFits(PendingTask t, RequirementClass c) {
        int all = 0;
        int healthy = 0;
        if (t.only() != null) {
            for (ProviderId id : t.only()) {
                Integer p = index().get(id);
                if (p == null || t.excluded().contains(id) || !c.fitsProvider(p)) continue;
                all++;
                if (providers.get(p).health() == Health.HEALTHY) healthy++;
            }
            return new int[] {all, healthy};
        }
        all = c.fits();
        healthy = c.healthyFits();
        for (ProviderId id : t.excluded()) {
            Integer p = index().get(id);
            if (p == null || !c.fitsProvider(p)) continue;
            all--;
            if (providers.get(p).health() == Health.HEALTHY) healthy--;
        }
        return new int[] {all, healthy};
    }

    /** Why restricted task {@code t} stays pending: as any task of its class, unless only its exclusions keep it from the providers that fit. */
    private Unplaced unplacedRestricted(PendingTask t, RequirementClass c) {
        Unplaced u = c.unplaced(t);
        if (u.reason() == Unplaced.Reason.NO_FIT) return u;
        int[] fits = allowedFits(t, c);
        Unplaced.Reason reason = fits[0] == 0 ? Unplaced.Reason.EXCLUDED : fits[1] == 0 ? Unplaced.Reason.NO_HEALTHY_FIT : Unplaced.Reason.BUSY;
        return new Unplaced(t.task(), reason, Map.of(), t.requirements());
    }

    /** The first rank from the class's cursor that fits and has a slot, moving the cursor there; m if none. */
    private int firstCandidate(RequirementClass c) {
        Ranking r = c.ranking;
        int i = r.find(c.cursor);
        while (i < r.m && !c.fits(i)) i = r.find(i + 1);
        c.cursor = i;
        return i;
    }

    /** The next rank after {@code after} that fits and has a slot, at most {@code limit} per unit-hour; m if none. */
    private int nextCandidate(RequirementClass c, int after, double limit) {
        Ranking r = c.ranking;
        int i = r.find(after + 1);
        while (i < r.m && r.rankPerUnitHour[i] <= limit) {
            if (c.fits(i)) return i;
            i = r.find(i + 1);
        }
        return r.m;
    }

    private int load(int job, int p) {
        return jobLoad.getOrDefault(loadKey(job, p), 0);
    }

    private static long loadKey(int job, int p) {
        return ((long) job << 32) | p;
    }

    private void skip(int p, int seq, Skip s) {
        skips[p] = s;
        skipSeq[p] = seq;
    }

    private static int[] ensure(int[] a, int size) {
        return a.length >= size ? a : Arrays.copyOf(a, Math.max(size, a.length * 2));
    }

    /**
     * After placing: every provider that fits some task and has no reason yet from the scan gets one for the latest
     * such task: unhealthy, excluded by that task, no free slot, or dearer than the provider that got it. A provider that got that task has
     * nothing to add. Classes are visited latest task first; per resource shape, classes its resources cannot serve
     * are skipped once, not once per provider.
     */
    private final class SkipPass {
        private final RequirementClass[] latestFirst = classList.stream()
                .sorted((a, b) -> Integer.compare(b.lastSeq, a.lastSeq)).toArray(RequirementClass[]::new);
        private final int[] shapeStart = new int[shapes.count()];

        void run() {
            Arrays.fill(shapeStart, -1);
            for (int p = 0; p < n; p++) {
                RequirementClass c = latestFor(p);
                if (c == null || skipSeq[p] >= c.lastSeq) continue;
                boolean gotIt = c.lastChosenSeq == c.lastSeq && c.ranking.ranked[c.lastChosenPos] == p;
                if (gotIt) continue;
                Provider pr = providers.get(p);
                if (pr.health() != Health.HEALTHY) {
                    Duration silence = Duration.between(pr.lastSeen(), now);
                    skip(p, c.lastSeq, new Skip.Unhealthy(c.lastTask, pr.health(), silence, pr.quarantinedUntil()));
                } else if (c.lastRestricted != null && !c.lastRestricted.allows(pr.id())) {
                    // Full or not, it could never have run this one: say so, not that it was busy or dearer.
                    skip(p, c.lastSeq, new Skip.Excluded(c.lastTask));
                } else if (free[p] == 0) {
                    skip(p, c.lastSeq, new Skip.NoFreeSlot(c.lastTask));
                } else if (c.lastChosenSeq == c.lastSeq) {
                    int chosen = c.ranking.ranked[c.lastChosenPos];
                    skip(p, c.lastSeq, new Skip.Dearer(c.lastTask, providers.get(chosen).id(), c.perHour(chosen), c.perHour(p)));
                }
            }
        }

        /** The class of the latest task that {@code p} fits, or null. */
        private RequirementClass latestFor(int p) {
            int s = shapes.of(p);
            if (shapeStart[s] < 0) {
                int k = 0;
                while (k < latestFirst.length && !latestFirst[k].shapeFits[s]) k++;
                shapeStart[s] = k;
            }
            for (int k = shapeStart[s]; k < latestFirst.length; k++) {
                RequirementClass c = latestFirst[k];
                if (c.shapeFits[s] && c.ranking.unit[p] <= c.maxUnitMicros && c.stakeFits(p)) return c;
            }
            return null;
        }
    }
}
