package org.gridmint.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gridmint.core.spec.VerifySpec;
import org.gridmint.core.verify.Decision;
import org.gridmint.core.verify.TaskVerification;
import org.gridmint.core.verify.VerificationRules;

/**
 * Core's {@link VerificationRules} over one run's simulated results, as the coordinator applies them: a task's plan is
 * decided at its first result (with the trust its provider has then), every result is compared with the task's earlier
 * ones, and a verdict moves trust (agreeing providers up, dissenting ones reset). It also keeps the run's verification
 * figures. The moves of tasks and attempts, slashes and full checks are the {@link Simulation}'s.
 */
final class Verifier {
    private final VerifySpec spec;
    private final SplittableRandom draws;
    private final TrustBoard trusts;

    long results;
    long replicas;
    long tieBreakers;
    long noQuorum;
    long reopened;
    long wrongProduced;
    long wrongCaught;
    long wrongAccepted;
    long slashes;
    long honestSlashed;
    int cheaters;
    int cheatersCaught;

    Verifier(VerifySpec spec, SplittableRandom draws, TrustBoard trusts) {
        this.spec = spec;
        this.draws = draws;
        this.trusts = trusts;
    }

    boolean none() {
        return spec.policy() == VerifySpec.Policy.NONE;
    }

    /** Adds {@code r} to {@code t}'s results (planning its verification at the first) and says what core decides now. */
    Decision judge(SimTask t, SimResult r) {
        results++;
        if (r.wrong()) wrongProduced++;
        // One draw per first result whatever the policy, so that the draws of the runs compared stay in step.
        double draw = draws.nextDouble();
        if (t.plan == null) t.plan = VerificationRules.plan(spec, r.provider().trust, false, draw);
        if (!t.results.isEmpty()) replicas++;
        t.results.add(r);
        int n = t.results.size();
        boolean[][] agrees = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) agrees[i][j] = t.results.get(i).value() == t.results.get(j).value();
        }
        Decision d = VerificationRules.decide(t.plan, agrees);
        if (d instanceof Decision.NeedMore more && more.next().tieBreakers() > t.plan.tieBreakers()) tieBreakers++;
        if (d instanceof Decision.NoQuorum) noQuorum++;
        return d;
    }

    /**
     * {@code t} is accepted on {@code accept.canonical()}. With two results or more the verdict moves trust as core's
     * {@code Trust} says; it returns the dissenting results, whose providers the simulation slashes.
     */
    List<SimResult> verdict(SimTask t, Decision.Accept accept) {
        if (t.results.get(accept.canonical()).wrong()) wrongAccepted++;
        if (t.results.size() < 2) return List.of();
        for (int i : accept.agreeing()) {
            SimProvider p = t.results.get(i).provider();
            trusts.set(p, p.trust.afterAgreement());
        }
        List<SimResult> caught = new ArrayList<>(accept.dissenting().size());
        for (int i : accept.dissenting()) {
            SimResult r = t.results.get(i);
            trusts.set(r.provider(), r.provider().trust.afterDisagreement());
            if (r.wrong()) wrongCaught++;
            else honestSlashed++;
            caught.add(r);
        }
        return caught;
    }

    /** {@code t}'s accepted result is reopened by a full check: it no longer counts as accepted. */
    void reopened(SimTask t) {
        reopened++;
        if (t.accepted.wrong()) wrongAccepted--;
    }

    /** The plan of a task a full check reopens: one more result, from a trusted provider, that must agree with it. */
    static TaskVerification fullCheck() {
        return new TaskVerification(2, 2, org.gridmint.core.verify.Partner.TRUSTED, 0, "full check: its provider was caught returning a wrong result");
    }

    RunResult.Verification figures(long networkPaidMicros) {
        return new RunResult.Verification(spec.policy().wire(), results, replicas, tieBreakers,
                noQuorum, reopened, wrongProduced, wrongCaught, wrongAccepted, cheaters, cheatersCaught, slashes, honestSlashed,
                networkPaidMicros);
    }
}
