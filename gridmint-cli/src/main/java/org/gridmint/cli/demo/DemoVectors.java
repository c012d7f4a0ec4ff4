package org.gridmint.cli.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridmint.embed.Embedder;
import org.gridmint.embed.Vectors;

/**
 * What the demo does with the job's vectors: checks a spread of them against its own run of the model, and answers
 * semantic-search queries over them, so that a person sees the vectors are real.
 */
final class DemoVectors {
    /** The cosine a returned vector must reach against the demo's own vector of the same text (the job's own tolerance). */
    static final double MIN_COSINE = 0.9999;

    /**
     * The queries the demo answers: each has its answer in the corpus (nightingale, mosquito, epidemic, tide) in words
     * other than the query's, so that a match is the model's understanding, not a shared word.
     */
    static final List<String> QUERIES = List.of(
            "a flying creature that sings at night",
            "a bug that bites people and drinks blood",
            "an illness that spreads quickly through a town",
            "the sea rises and falls each day");

    private DemoVectors() {}

    /** How many returned vectors were compared with the demo's own, the lowest cosine, and each one that differed. */
    record Check(int checked, double minCosine, List<String> failures) {}

    /**
     * Compares every {@code every}-th returned vector (so every task's rows are sampled) with {@code local}'s vector of
     * the same item; the rest rest on the job's verification.
     */
    static Check check(Embedder local, List<String> items, float[][] got, int every) {
        List<String> failures = new ArrayList<>();
        if (got.length != items.size()) {
            failures.add("the job returned " + got.length + " vectors for " + items.size() + " items");
            return new Check(0, Double.NaN, failures);
        }
        List<Integer> picked = new ArrayList<>();
        for (int i = 0; i < items.size(); i += every) picked.add(i);
        float[][] mine = local.embed(picked.stream().map(items::get).toList());
        double min = Double.POSITIVE_INFINITY;
        for (int k = 0; k < picked.size(); k++) {
            int i = picked.get(k);
            double cosine = got[i].length == mine[k].length ? Vectors.cosine(got[i], mine[k]) : Double.NaN;
            min = Math.min(min, cosine);
            if (!(cosine >= MIN_COSINE)) failures.add(String.format(Locale.ROOT, "item %d: cosine %.6f to the demo's own vector of \"%s\"", i, cosine,
                    items.get(i)));
        }
        return new Check(picked.size(), min, failures);
    }

    /** Embeds each query with {@code local} and prints the {@code k} nearest items with their cosines. */
    static void answer(PrintWriter out, Embedder local, SemanticSearch search, List<String> queries, int k) {
        float[][] q = local.embed(queries);
        for (int i = 0; i < queries.size(); i++) {
            out.println();
            out.println("? " + queries.get(i));
            for (SemanticSearch.Hit hit : search.top(q[i], k))
                out.printf(Locale.ROOT, "  %.3f  %s%n", hit.score(), shorten(hit.text(), 110));
        }
        out.flush();
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
