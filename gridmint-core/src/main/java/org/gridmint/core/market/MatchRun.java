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
 * are numbered {@code p} in snapshot order; the healthy ones with a free slot are ranked cheapest first, and a rank is
 * numbered {@code pos}. Per-rank arrays copy what the scan reads so that it walks memory in order.
 */
final class MatchRun {
    private final List<Provider> providers;
    private final List<PendingTask> tasks;
    private final Instant now;
    private final int n;

    private final Shapes shapes;
    private final long[] ask; // by p: micro-credits per hour
    private final int[] free; // by p: slots left, taken as the plan places
    private final double[] perHour; // by p: expected micro-credits per hour of work, ask × speed ÷ reliability

    private final int m; // ranked providers
    private final int[] ranked; // pos -> p
    private final int[] posOf; // p -> pos, or -1 if not ranked
    private final double[] rankPerHour;
    private final int[] rankShape;
    private final long[] rankAsk;
    /** Union-find over ranks: nextFree[pos] == pos while it has a slot; a full rank points past itself. */
    private final int[] nextFree;

    private final Map<Requirements, RequirementClass> classes = new HashMap<>();
    private final List<RequirementClass> classList = new ArrayList<>();
    private Map<ProviderId, Integer> indexById;
    private final Map<JobId, Integer> jobNumbers = new HashMap<>();
    private final Map<Long, Integer> jobLoad = new HashMap<>(); // (job number << 32 | pos) -> tasks of that job placed there

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
        this.ask = new long[n];
        this.free = new int[n];
        this.perHour = new double[n];
        int rankable = 0;
        for (int p = 0; p < n; p++) {
            Provider pr = providers.get(p);
            ask[p] = pr.offer().price().micros();
            free[p] = pr.freeSlots();
            perHour[p] = ask[p] * pr.reputation().speed() / pr.reputation().reliability();
            if (pr.health() == Health.HEALTHY && free[p] > 0) rankable++;
        }
        this.m = rankable;
        this.ranked = rank(rankable);
        this.posOf = new int[n];
        Arrays.fill(posOf, -1);
        this.rankPerHour = new double[m];
        this.rankShape = new int[m];
        this.rankAsk = new long[m];
        this.nextFree = new int[m + 1];
        for (int pos = 0; pos < m; pos++) {
            int p = ranked[pos];
            posOf[p] = pos;
            rankPerHour[pos] = perHour[p];
            rankShape[pos] = shapes.of(p);
            rankAsk[pos] = ask[p];
            nextFree[pos] = pos;
        }
        nextFree[m] = m;
        this.skips = new Skip[n];
        this.skipSeq = new int[n];
        Arrays.fill(skipSeq, -1);
    }

    /** The healthy providers with a free slot, cheapest expected cost per hour first, ties by provider id. */
    private int[] rank(int count) {
        Integer[] order = new Integer[count];
        int k = 0;
        for (int p = 0; p < n; p++) {
            if (providers.get(p).health() == Health.HEALTHY && free[p] > 0) order[k++] = p;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(perHour[a], perHour[b]);
            return c != 0 ? c : providers.get(a).id().compareTo(providers.get(b).id());
        });
        int[] out = new int[count];
        for (int i = 0; i < count; i++) out[i] = order[i];
        return out;
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

    private void place(int seq, PendingTask t) {
        RequirementClass c = classOf(t);
        c.lastSeq = seq;
        c.lastTask = t.task();
        int failedPos = failedPos(t, c);
        boolean avoid = failedPos >= 0 && c.healthyFits() > 1;

        int first = firstCandidate(c);
        if (avoid && first == failedPos) {
            skip(ranked[first], seq, new Skip.FailedItLast(t.task()));
            first = nextCandidate(c, first, Double.POSITIVE_INFINITY);
        }
        if (first == m) {
            unplaced.add(c.unplaced(t));
            return;
        }
        int job = jobNumbers.computeIfAbsent(t.task().job(), j -> jobNumbers.size());
        int chosen = first;
        int chosenLoad = load(job, first);
        if (chosenLoad > 0) {
            // Spread: the cheapest already runs this job's tasks; look for one with fewer within the tolerance.
            int seenCount = 0;
            seen = ensure(seen, 1);
            seen[seenCount++] = first;
            double limit = rankPerHour[first] * (1 + Matcher.SPREAD_TOLERANCE);
            for (int j = nextCandidate(c, first, limit); j < m; j = nextCandidate(c, j, limit)) {
                if (avoid && j == failedPos) {
                    skip(ranked[j], seq, new Skip.FailedItLast(t.task()));
                    continue;
                }
                seen = ensure(seen, seenCount + 1);
                seen[seenCount++] = j;
                int l = load(job, j);
                if (l < chosenLoad) {
                    chosen = j;
                    chosenLoad = l;
                    if (l == 0) break;
                }
            }
            ProviderId to = providers.get(ranked[chosen]).id();
            for (int i = 0; i < seenCount; i++) {
                if (seen[i] != chosen) skip(ranked[seen[i]], seq, new Skip.Spread(t.task(), to, load(job, seen[i])));
            }
        }
        take(seq, t, c, job, chosen);
    }

    private void take(int seq, PendingTask t, RequirementClass c, int job, int pos) {
        int p = ranked[pos];
        if (--free[p] == 0) nextFree[pos] = pos + 1;
        jobLoad.merge(loadKey(job, pos), 1, Integer::sum);
        long cost = (long) Math.ceil(rankPerHour[pos] * t.expectedMillis() / 3_600_000.0);
        assignments.add(new Assignment(t.task(), providers.get(p).id(), Credits.ofMicros(cost)));
        c.lastChosenPos = pos;
        c.lastChosenSeq = seq;
    }

    private RequirementClass classOf(PendingTask t) {
        RequirementClass c = classes.get(t.requirements());
        if (c == null) {
            c = new RequirementClass(t.requirements(), shapes, providers, ask);
            classes.put(t.requirements(), c);
            classList.add(c);
        }
        return c;
    }

    /** The rank of the provider that failed {@code t} last, if it is ranked and fits; -1 otherwise. */
    private int failedPos(PendingTask t, RequirementClass c) {
        if (t.lastFailedProvider() == null) return -1;
        if (indexById == null) {
            indexById = new HashMap<>(n * 2);
            for (int p = 0; p < n; p++) indexById.put(providers.get(p).id(), p);
        }
        Integer p = indexById.get(t.lastFailedProvider());
        if (p == null || posOf[p] < 0 || !fits(c, posOf[p])) return -1;
        return posOf[p];
    }

    /** The first rank from the class's cursor that fits and has a slot, moving the cursor there; m if none. */
    private int firstCandidate(RequirementClass c) {
        int i = find(c.cursor);
        while (i < m && !fits(c, i)) i = find(i + 1);
        c.cursor = i;
        return i;
    }

    /** The next rank after {@code after} that fits and has a slot, at most {@code limit} per hour; m if none. */
    private int nextCandidate(RequirementClass c, int after, double limit) {
        int i = find(after + 1);
        while (i < m && rankPerHour[i] <= limit) {
            if (fits(c, i)) return i;
            i = find(i + 1);
        }
        return m;
    }

    private boolean fits(RequirementClass c, int pos) {
        return c.shapeFits[rankShape[pos]] && rankAsk[pos] <= c.maxPriceMicros;
    }

    /** The first rank at or after {@code pos} with a free slot (m if none), compressing the path on the way. */
    private int find(int pos) {
        int root = pos;
        while (nextFree[root] != root) root = nextFree[root];
        while (pos != root) {
            int next = nextFree[pos];
            nextFree[pos] = root;
            pos = next;
        }
        return root;
    }

    private int load(int job, int pos) {
        return jobLoad.getOrDefault(loadKey(job, pos), 0);
    }

    private static long loadKey(int job, int pos) {
        return ((long) job << 32) | pos;
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
     * such task: unhealthy, no free slot, or dearer than the provider that got it. A provider that got that task has
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
                boolean gotIt = c.lastChosenSeq == c.lastSeq && ranked[c.lastChosenPos] == p;
                if (gotIt) continue;
                Provider pr = providers.get(p);
                if (pr.health() != Health.HEALTHY) {
                    Duration silence = Duration.between(pr.lastSeen(), now);
                    skip(p, c.lastSeq, new Skip.Unhealthy(c.lastTask, pr.health(), silence, pr.quarantinedUntil()));
                } else if (free[p] == 0) {
                    skip(p, c.lastSeq, new Skip.NoFreeSlot(c.lastTask));
                } else if (c.lastChosenSeq == c.lastSeq) {
                    int chosen = ranked[c.lastChosenPos];
                    skip(p, c.lastSeq, new Skip.Dearer(c.lastTask, providers.get(chosen).id(), perHour[chosen], perHour[p]));
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
                if (c.shapeFits[s] && ask[p] <= c.maxPriceMicros) return c;
            }
            return null;
        }
    }
}
