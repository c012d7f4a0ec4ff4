package org.gridmint.core.verify;

import java.util.List;

/** What a task's results so far decide: accept one, ask for one more, or give up without a quorum. */
public sealed interface Decision {

    /**
     * A quorum agreed.
     *
     * @param canonical the result whose outputs the task keeps: the earliest with the largest agreeing group
     * @param agreeing the results in the canonical result's group, itself included, ascending
     * @param dissenting every other result, ascending: they lost the verdict
     */
    record Accept(int canonical, List<Integer> agreeing, List<Integer> dissenting) implements Decision {
        public Accept {
            agreeing = List.copyOf(agreeing);
            dissenting = List.copyOf(dissenting);
            if (!agreeing.contains(canonical)) throw new IllegalArgumentException("the canonical result " + canonical + " is in its own group");
            for (Integer d : dissenting) if (agreeing.contains(d)) throw new IllegalArgumentException("result " + d + " cannot agree and dissent");
        }
    }

    /**
     * The task needs one more result.
     *
     * @param next the task's plan from now on (a tie-breaker raises its target and its tie-breaker count)
     * @param partner which providers may run it
     */
    record NeedMore(TaskVerification next, Partner partner) implements Decision {
        public NeedMore {
            if (next == null || partner == null) throw new IllegalArgumentException("one more result needs a plan and a partner");
        }
    }

    /** Tie-breakers are spent and no quorum formed: the task fails and nobody is slashed. */
    record NoQuorum(String why) implements Decision {
        public NoQuorum {
            if (why == null || why.isBlank()) throw new IllegalArgumentException("a missing quorum says why");
        }
    }
}
