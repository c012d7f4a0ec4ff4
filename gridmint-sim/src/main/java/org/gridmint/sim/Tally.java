package org.gridmint.sim;

/** The running totals of one run, turned into a {@link RunResult} at the end. */
final class Tally {
    private final boolean billsOnlyUseful;
    int succeeded;
    int failed;
    int jobsSucceeded;
    long lastEnd;
    long providerMillis;
    long usefulMillis;
    long usefulWork;
    long paid;
    long attempts;
    long lostAttempts;
    long crashes;
    long maxLost;
    long backups;
    long backupWins;

    Tally(boolean billsOnlyUseful) {
        this.billsOnlyUseful = billsOnlyUseful;
    }

    long networkPaid;

    /** An attempt returned a result after {@code wall}: provider time, whatever its verdict. */
    void result(long wall) {
        providerMillis += wall;
    }

    /** {@code t} is accepted on {@code r}: the client pays for that result only, which is the useful part. */
    void accepted(SimTask t, SimResult r, long now) {
        succeeded++;
        lastEnd = Math.max(lastEnd, now);
        usefulMillis += r.wallMillis();
        usefulWork += t.work;
        paid += charge(r.provider(), r.wallMillis());
    }

    /** A full check reopened {@code t}, accepted on {@code r}: undone, so that a task counts once, with its final result. */
    void reopened(SimTask t, SimResult r) {
        succeeded--;
        usefulMillis -= r.wallMillis();
        usefulWork -= t.work;
        paid -= charge(r.provider(), r.wallMillis());
    }

    /** A replica that agreed with the accepted result: paid at cost by the network, not by the client. */
    void paidAtCost(SimResult r) {
        networkPaid += charge(r.provider(), r.wallMillis());
    }

    /** An attempt lost with its provider after {@code wall}, of which {@code saved} was checkpointed. */
    void lost(SimProvider p, long wall, long saved) {
        lostAttempts++;
        providerMillis += wall;
        maxLost = Math.max(maxLost, wall - saved);
        if (!billsOnlyUseful) paid += charge(p, wall);
    }

    /** A later attempt resumed from {@code millis} of checkpointed time on {@code p}: useful, and billed. */
    void resumed(SimProvider p, long millis) {
        usefulMillis += millis;
        if (billsOnlyUseful) paid += charge(p, millis);
    }

    /** An attempt superseded because its twin (primary or backup) finished first: provider time, neither useful nor billed. */
    void cancelled(long wall) {
        providerMillis += wall;
    }

    void taskFailed(long now) {
        failed++;
        lastEnd = Math.max(lastEnd, now);
    }

    private static long charge(SimProvider p, long millis) {
        return p.offer.price().forDurationMillis(millis).micros();
    }

    RunResult result(String policy, boolean failureFree, int tasks, int jobs, boolean allEnded, long horizon, long events, Verifier v) {
        return new RunResult(policy, failureFree, tasks, succeeded, failed, jobs, jobsSucceeded, allEnded ? lastEnd : horizon,
                providerMillis, usefulMillis, usefulWork, paid, attempts, lostAttempts, crashes, maxLost, backups, backupWins, events,
                v.figures(networkPaid));
    }
}
