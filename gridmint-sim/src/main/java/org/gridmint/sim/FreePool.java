package org.gridmint.sim;

import java.util.Arrays;
import java.util.Comparator;
import java.util.NavigableSet;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The providers that are up with a free slot, kept two ways so that a tick never walks the whole fleet: ordered by a
 * cached expected cost per hour (for Gridmint, whose matcher then ranks the cheapest few with fresh reputations), and
 * in an array for uniform random draws (for the naive baseline). Adding, removing and re-keying cost O(log n).
 */
final class FreePool {
    private final NavigableSet<SimProvider> byCost =
            new TreeSet<>(Comparator.comparingDouble((SimProvider p) -> p.costKey).thenComparingInt(p -> p.slot));
    private final SimProvider[] array;
    private final int[] position; // by slot: index in array, or -1
    private int size;

    FreePool(int slots) {
        this.array = new SimProvider[slots];
        this.position = new int[slots];
        Arrays.fill(position, -1);
    }

    void add(SimProvider p) {
        if (position[p.slot] >= 0) return;
        position[p.slot] = size;
        array[size++] = p;
        byCost.add(p);
    }

    void remove(SimProvider p) {
        int i = position[p.slot];
        if (i < 0 || array[i] != p) return;
        SimProvider last = array[--size];
        array[i] = last;
        position[last.slot] = i;
        array[size] = null;
        position[p.slot] = -1;
        byCost.remove(p);
    }

    /** Sets {@code p}'s cost key, moving it in the order if it is in the pool. */
    void rekey(SimProvider p, double key) {
        boolean in = position[p.slot] >= 0 && array[position[p.slot]] == p;
        if (in) byCost.remove(p);
        p.costKey = key;
        if (in) byCost.add(p);
    }

    /** Cheapest cached expected cost first, ties by slot. */
    Iterable<SimProvider> cheapestFirst() {
        return byCost;
    }

    SimProvider random(SplittableRandom r) {
        return array[r.nextInt(size)];
    }

    SimProvider at(int i) {
        return array[i];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }
}
