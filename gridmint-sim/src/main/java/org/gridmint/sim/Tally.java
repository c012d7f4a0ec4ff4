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

    void succeeded(SimTask t, long wall, SimProvider p, long now) {
        succeeded++;
        lastEnd = Math.max(lastEnd, now);
        providerMillis += wall;
        usefulMillis += wall;
        usefulWork += t.work;
        paid += charge(p, wall);
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

    RunResult result(String policy, boolean failureFree, int tasks, int jobs, boolean allEnded, long horizon, long events) {
        return new RunResult(policy, failureFree, tasks, succeeded, failed, jobs, jobsSucceeded, allEnded ? lastEnd : horizon,
                providerMillis, usefulMillis, usefulWork, paid, attempts, lostAttempts, crashes, maxLost, backups, backupWins, events);
    }
}
