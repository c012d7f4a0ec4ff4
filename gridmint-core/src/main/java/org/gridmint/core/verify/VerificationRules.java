package org.gridmint.core.verify;

import java.util.ArrayList;
import java.util.List;
import org.gridmint.core.spec.VerifySpec;

/**
 * The verification policy, pure: how many results a task needs ({@link #plan}) and what its results so far decide
 * ({@link #decide}). The coordinator and the simulator both call these; neither decides on its own.
 */
public final class VerificationRules {
    /** Tie-breakers a task may have before it fails without a quorum. */
    public static final int MAX_TIE_BREAKERS = 2;

    private VerificationRules() {}

    /**
     * The plan of a task whose first result just arrived.
     *
     * @param firstProvider the trust of the provider that reported it
     * @param ownedByClient whether that provider belongs to the job's client, who gains nothing by cheating itself
     * @param draw uniform in [0, 1), from the caller's random stream (a seeded RNG, the simulator's stream)
     */
    public static TaskVerification plan(VerifySpec spec, Trust firstProvider, boolean ownedByClient, double draw) {
        if (spec == null || firstProvider == null) throw new IllegalArgumentException("a plan needs the spec and the provider's trust");
        if (!(draw >= 0 && draw < 1)) throw new IllegalArgumentException("draw must be in [0, 1), was " + draw);
        return switch (spec.policy()) {
            case NONE -> alone("not verified: the job's spec says verify: none");
            case REPLICAS -> new TaskVerification(spec.quorum(), spec.replicas(), Partner.ANY, 0,
                    "runs on " + spec.replicas() + " providers; " + spec.quorum() + " must agree");
            case SPOT_CHECK -> draw < spec.spotCheckRate()
                    ? new TaskVerification(2, 2, Partner.TRUSTED, 0, "spot-checked on a trusted provider (rate " + spec.spotCheckRate() + ")")
                    : alone("not drawn for a spot check (rate " + spec.spotCheckRate() + ")");
            case ADAPTIVE -> adaptive(firstProvider, ownedByClient, draw);
        };
    }

    private static TaskVerification adaptive(Trust t, boolean ownedByClient, double draw) {
        if (ownedByClient) return alone("not replicated: the provider belongs to the job's client");
        if (!t.trusted()) return new TaskVerification(2, 2, Partner.ANY, 0, "replicated: the provider is " + t.describe());
        double p = t.replicationProbability();
        if (draw < p) return new TaskVerification(2, 2, Partner.ANY, 0, "replicated at random (probability " + percent(p) + "): the provider is " + t.describe());
        return alone("accepted alone (replication probability " + percent(p) + " not drawn): the provider is " + t.describe());
    }

    private static TaskVerification alone(String why) {
        return new TaskVerification(1, 1, Partner.ANY, 0, why);
    }

    private static String percent(double p) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", p * 100);
    }

    /**
     * What a task's results decide. The group of result i is every j with {@code agrees[i][j]}, i included; the
     * canonical result is the earliest one with the largest group, accepted once that group reaches the quorum. Short
     * of a quorum, the task asks for more results until its target, then for tie-breakers on trusted providers, then
     * gives up.
     *
     * @param agrees a square matrix over the results in report order; the comparator's symmetry makes it symmetric
     */
    public static Decision decide(TaskVerification tv, boolean[][] agrees) {
        if (tv == null) throw new IllegalArgumentException("a decision needs the task's plan");
        int n = agrees == null ? 0 : agrees.length;
        if (n == 0) throw new IllegalArgumentException("a decision needs at least one result");
        for (int i = 0; i < n; i++)
            if (agrees[i] == null || agrees[i].length != n) throw new IllegalArgumentException("agrees must be " + n + " x " + n + " (row " + i + ")");
        int best = -1;
        int bestSize = 0;
        for (int i = 0; i < n; i++) {
            int size = group(agrees, i).size();
            if (size > bestSize) {
                best = i;
                bestSize = size;
            }
        }
        if (bestSize >= tv.quorum()) {
            List<Integer> agreeing = group(agrees, best);
            List<Integer> dissenting = new ArrayList<>();
            for (int j = 0; j < n; j++) if (!agreeing.contains(j)) dissenting.add(j);
            return new Decision.Accept(best, agreeing, dissenting);
        }
        if (n < tv.target()) return new Decision.NeedMore(tv, tv.partner());
        if (tv.tieBreakers() < MAX_TIE_BREAKERS) {
            var next = new TaskVerification(tv.quorum(), n + 1, Partner.TRUSTED, tv.tieBreakers() + 1,
                    "tie-breaker " + (tv.tieBreakers() + 1) + " of " + MAX_TIE_BREAKERS + " on a trusted provider: " + n
                            + " results, at most " + bestSize + " agreeing, " + tv.quorum() + " needed");
            return new Decision.NeedMore(next, Partner.TRUSTED);
        }
        return new Decision.NoQuorum(n + " results, at most " + bestSize + " agreeing, " + tv.quorum() + " needed, after "
                + tv.tieBreakers() + " tie-breakers");
    }

    private static List<Integer> group(boolean[][] agrees, int i) {
        List<Integer> g = new ArrayList<>();
        for (int j = 0; j < agrees.length; j++) if (j == i || agrees[i][j]) g.add(j);
        return g;
    }
}
