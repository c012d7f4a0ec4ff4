package org.gridmint.cli.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Nearest-neighbour search over the unit vectors an embed job returned: for unit vectors the cosine is the plain dot
 * product, so a query is one pass over the rows, which is all a few thousand items need.
 */
final class SemanticSearch {
    /** How far from length 1 a row may be and still count as a unit vector (float32 rounding of a normalised row). */
    static final double UNIT_TOLERANCE = 1e-3;

    /** One answer: the item's 0-based index in the input, its text, and its cosine to the query. */
    record Hit(int index, String text, double score) {}

    private final List<String> texts;
    private final float[][] vectors;
    private final int dimensions;

    /** {@code vectors[i]} is the unit vector of {@code texts.get(i)}. */
    SemanticSearch(List<String> texts, float[][] vectors) {
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(vectors, "vectors");
        if (texts.size() != vectors.length)
            throw new IllegalArgumentException("vectors: " + vectors.length + " rows for " + texts.size() + " texts; they must pair up");
        if (vectors.length == 0) throw new IllegalArgumentException("vectors: empty; there is nothing to search");
        dimensions = vectors[0].length;
        if (dimensions == 0) throw new IllegalArgumentException("vectors: rows have 0 dimensions");
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != dimensions)
                throw new IllegalArgumentException("vectors[" + i + "]: " + vectors[i].length + " dimensions, row 0 has " + dimensions);
            requireUnit(vectors[i], "vectors[" + i + "]");
        }
        this.texts = List.copyOf(texts);
        this.vectors = vectors.clone();
    }

    int size() {
        return texts.size();
    }

    /** The {@code k} items most similar to {@code query} (a unit vector), best first; equal scores by input order. */
    List<Hit> top(float[] query, int k) {
        Objects.requireNonNull(query, "query");
        if (query.length != dimensions)
            throw new IllegalArgumentException("query: " + query.length + " dimensions, the items have " + dimensions);
        requireUnit(query, "query");
        if (k < 1) throw new IllegalArgumentException("k: must be at least 1, was " + k);
        Comparator<Hit> worstFirst = Comparator.comparingDouble(Hit::score).thenComparing(Hit::index, Comparator.reverseOrder());
        PriorityQueue<Hit> best = new PriorityQueue<>(worstFirst);
        for (int i = 0; i < vectors.length; i++) {
            Hit hit = new Hit(i, texts.get(i), dot(query, vectors[i]));
            if (best.size() < k) best.add(hit);
            else if (worstFirst.compare(hit, best.peek()) > 0) {
                best.poll();
                best.add(hit);
            }
        }
        List<Hit> hits = new ArrayList<>(best);
        hits.sort(worstFirst.reversed());
        return hits;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) sum += (double) a[i] * b[i];
        return sum;
    }

    private static void requireUnit(float[] v, String field) {
        double norm = Math.sqrt(dot(v, v));
        if (!(Math.abs(norm - 1) <= UNIT_TOLERANCE))
            throw new IllegalArgumentException(field + ": length " + norm + ", not a unit vector; the search takes normalised embeddings");
    }
}
