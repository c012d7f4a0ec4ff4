package org.gridmint.core.market;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.gridmint.core.market.MarketSnapshot.Provider;
import org.gridmint.core.spec.Resources;

/**
 * The providers ranked for one price basis: per core-hour for CPU-only tasks, or per GPU-hour of the GPUs that match a
 * model and minimum memory. A task's hourly price is its units (cores or GPUs) × the unit ask, so every task of one
 * basis ranks the providers alike whatever its size: classes that share a basis share its ranking. Only healthy
 * providers with a free slot and an ask for the basis are ranked, cheapest expected cost per unit-hour first (unit ask ×
 * speed ÷ reliability), ties by provider id; a rank is numbered {@code pos}.
 */
final class Ranking {
    /** What a basis prices: the cpu ask, or the dearest ask among the GPUs that match {@code gpuModel} and {@code minGpuMemoryMb}. */
    record Basis(boolean gpu, String gpuModel, long minGpuMemoryMb) {
        static final Basis CPU = new Basis(false, null, 0);

        static Basis of(Resources r) {
            return r.gpus() == 0 ? CPU : new Basis(true, r.gpuModel() == null ? null : r.gpuModel().toLowerCase(Locale.ROOT), r.minGpuMemoryMb());
        }
    }

    /** By provider: micro-credits per unit-hour, -1 when it has nothing of this basis to sell. */
    final long[] unit;
    /** By provider: expected micro-credits per unit-hour, unit ask × speed ÷ reliability. */
    final double[] perUnitHour;
    final int m;
    final int[] ranked; // pos -> p
    final double[] rankPerUnitHour;
    final long[] rankUnit;
    final int[] rankShape;
    /** Union-find over ranks: nextFree[pos] == pos until the rank is found full; a full rank points past itself. */
    private final int[] nextFree;
    private final int[] free; // by p, shared with the run: a slot taken through one ranking is gone in all
    private int[] posOf; // p -> pos or -1, built when first needed

    Ranking(Basis basis, List<Provider> providers, Shapes shapes, long[] cpuAsk, double[] factor, int[] free) {
        int n = providers.size();
        this.free = free;
        this.unit = basis.gpu() ? gpuUnits(basis, providers, shapes) : cpuAsk;
        this.perUnitHour = new double[n];
        int count = 0;
        for (int p = 0; p < n; p++) {
            if (unit[p] < 0) continue;
            perUnitHour[p] = unit[p] * factor[p];
            if (providers.get(p).health() == Health.HEALTHY && free[p] > 0) count++;
        }
        int[] order = new int[count];
        int k = 0;
        for (int p = 0; p < n; p++) {
            if (unit[p] >= 0 && providers.get(p).health() == Health.HEALTHY && free[p] > 0) order[k++] = p;
        }
        sort(order, perUnitHour, providers);
        this.m = count;
        this.ranked = new int[m];
        this.rankPerUnitHour = new double[m];
        this.rankUnit = new long[m];
        this.rankShape = new int[m];
        this.nextFree = new int[m + 1];
        for (int pos = 0; pos < m; pos++) {
            int p = order[pos];
            ranked[pos] = p;
            rankPerUnitHour[pos] = perUnitHour[p];
            rankUnit[pos] = unit[p];
            rankShape[pos] = shapes.of(p);
            nextFree[pos] = pos;
        }
        nextFree[m] = m;
    }

    /** Per provider, the dearest ask among its GPUs of this basis; -1 for a provider with none. */
    private static long[] gpuUnits(Basis basis, List<Provider> providers, Shapes shapes) {
        // By shape, the classes (gpu:MODEL) of its GPUs of this basis, made once so that their hashes are too; null where it has
        // none, as most of a fleet has none of a given model.
        String[][] modelsByShape = new String[shapes.count()][];
        List<String> models = new ArrayList<>(1);
        for (int s = 0; s < shapes.count(); s++) {
            models.clear();
            for (Shapes.GpuKind g : shapes.gpuKinds(s)) {
                boolean match = (basis.gpuModel() == null || g.lowerModel().contains(basis.gpuModel())) && g.memoryMb() >= basis.minGpuMemoryMb();
                if (match && !models.contains(g.askClass())) models.add(g.askClass());
            }
            if (!models.isEmpty()) modelsByShape[s] = models.toArray(String[]::new);
        }
        long[] out = new long[providers.size()];
        for (int p = 0; p < out.length; p++) {
            String[] mine = modelsByShape[shapes.of(p)];
            long best = -1;
            if (mine != null) {
                for (String cls : mine) best = Math.max(best, providers.get(p).offer().asks().of(cls).micros());
            }
            out[p] = best;
        }
        return out;
    }

    private static final int RUN = 16;

    /**
     * Sorts providers by (key, id), ascending: a merge sort on primitives, since boxing every index for
     * {@link Arrays#sort(Object[], java.util.Comparator)} cost more than the comparisons, and a plan sorts once per basis.
     */
    static void sort(int[] a, double[] key, List<Provider> providers) {
        int n = a.length;
        for (int lo = 0; lo < n; lo += RUN) {
            int hi = Math.min(lo + RUN, n);
            for (int i = lo + 1; i < hi; i++) {
                int x = a[i];
                int j = i - 1;
                while (j >= lo && less(x, a[j], key, providers)) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
        }
        int[] src = a;
        int[] dst = new int[n];
        for (int width = RUN; width < n; width <<= 1) {
            for (int lo = 0; lo < n; lo += width << 1) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + (width << 1), n);
                int i = lo;
                int j = mid;
                for (int out = lo; out < hi; out++) dst[out] = i < mid && (j >= hi || !less(src[j], src[i], key, providers)) ? src[i++] : src[j++];
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) System.arraycopy(src, 0, a, 0, n);
    }

    /** Whether provider {@code x} ranks before {@code y}: a lower key (all keys are positive and finite), then the smaller id. */
    private static boolean less(int x, int y, double[] key, List<Provider> providers) {
        double kx = key[x];
        double ky = key[y];
        if (kx != ky) return kx < ky;
        return providers.get(x).id().compareTo(providers.get(y).id()) < 0;
    }

    /** The rank of provider {@code p}, or -1 if it is not ranked. */
    int posOf(int p) {
        if (posOf == null) {
            posOf = new int[unit.length];
            Arrays.fill(posOf, -1);
            for (int pos = 0; pos < m; pos++) posOf[ranked[pos]] = pos;
        }
        return posOf[p];
    }

    /**
     * The first rank at or after {@code pos} with a free slot (m if none), compressing the path on the way. A rank whose
     * provider filled up through another ranking is found full here and skipped from then on: slots only go down.
     */
    int find(int pos) {
        int root = pos;
        while (true) {
            while (nextFree[root] != root) root = nextFree[root];
            if (root == m || free[ranked[root]] > 0) break;
            nextFree[root] = root + 1;
        }
        while (pos != root) {
            int next = nextFree[pos];
            nextFree[pos] = root;
            pos = next;
        }
        return root;
    }
}
