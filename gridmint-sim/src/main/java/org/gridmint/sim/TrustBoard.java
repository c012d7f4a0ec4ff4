package org.gridmint.sim;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.gridmint.core.verify.Trust;

/**
 * Every provider identity's {@link Trust} as the coordinator's store holds it (a replaced machine's old identity stays
 * registered, as there): how many are trusted and how many have each run of agreeing results, so that placing a check
 * asks "is anyone else trusted?" and "what is the longest run among the others?" in O(log n), not O(fleet).
 */
final class TrustBoard {
    private final TreeMap<Integer, Integer> byRun = new TreeMap<>();
    private int trusted;

    /** A new identity registers with the trust its role gave it. */
    void joined(SimProvider p) {
        count(p.trust, 1);
    }

    /** {@code p}'s trust becomes {@code next}. */
    void set(SimProvider p, Trust next) {
        count(p.trust, -1);
        p.trust = next;
        count(next, 1);
    }

    /** Whether some provider not in {@code excluded} (distinct identities) is trusted. */
    boolean anyTrustedBut(Collection<SimProvider> excluded) {
        int n = trusted;
        for (SimProvider p : excluded) {
            if (p.trust.trusted()) n--;
        }
        return n > 0;
    }

    /** The longest run of agreeing results among providers not in {@code excluded} (distinct identities); 0 if none. */
    int longestRunBut(Collection<SimProvider> excluded) {
        for (Map.Entry<Integer, Integer> e : byRun.descendingMap().entrySet()) {
            int n = e.getValue();
            for (SimProvider p : excluded) {
                if (p.trust.consecutiveValid() == e.getKey()) n--;
            }
            if (n > 0) return e.getKey();
        }
        return 0;
    }

    private void count(Trust t, int d) {
        if (byRun.merge(t.consecutiveValid(), d, Integer::sum) == 0) byRun.remove(t.consecutiveValid());
        if (t.trusted()) trusted += d;
    }
}
