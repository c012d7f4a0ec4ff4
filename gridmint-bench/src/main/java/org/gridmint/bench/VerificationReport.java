package org.gridmint.bench;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.gridmint.api.AttemptView;
import org.gridmint.api.JobBill;
import org.gridmint.api.JobView;
import org.gridmint.api.TaskView;
import org.gridmint.api.VerdictView;

/**
 * The figures of one {@link VerificationRun}: what verification cost in provider time, what the cheaters did and what
 * became of them. Provider time is counted two ways, every attempt of the job counted (replicas, tie-breakers, rejected
 * ones): the runtime of the task's command as each agent measured it (what the issue calls compute), and the slot time the
 * coordinator recorded (claim to end: the command plus the agent's start-up of it, the upload and the report, and whatever
 * a loaded machine adds).
 *
 * @param overhead verified job's command runtime ÷ baseline job's (same task count, same tasks)
 * @param slotOverhead verified job's slot time ÷ baseline job's
 * @param attemptRatio verified job's attempts ÷ baseline job's: the same overhead counted in attempts, free of the machine's
 *     timing noise (every task does the same work)
 * @param warmupAttemptsPerTask attempts per task of the warm-up job, which honest providers start without a record (its time
 *     is not compared: it runs on cold agent JVMs)
 * @param wrongProduced results that cheating agents reported for the verified job (every result of theirs is wrong)
 * @param wrongByAgents the same, as the cheating agents counted the results they corrupted (their per-result WARN)
 * @param wrongRejected of those, results that lost a verdict
 * @param wrongAccepted tasks of the verified job whose final output differs from the reference, downloaded and compared
 * @param missingOutputs tasks of the verified job without a final output (they failed, e.g. with no quorum)
 * @param honestRejected results of honest agents that lost a verdict (false positives)
 * @param cheatersSlashed cheating providers whose stake view shows a slash; {@code honestSlashed} likewise for honest ones
 * @param cheatersQuarantined cheating providers seen quarantined at some point of the run (polled each second)
 */
public record VerificationReport(
        int providers,
        int cheatersPct,
        double exactCheaters,
        int cheaters,
        int tasks,
        int warmupTasks,
        long seed,
        JobFigures baseline,
        JobFigures warmup,
        JobFigures verified,
        double overhead,
        double slotOverhead,
        double attemptRatio,
        double warmupAttemptsPerTask,
        long wrongProduced,
        long wrongByAgents,
        long wrongRejected,
        long wrongAccepted,
        long missingOutputs,
        long honestRejected,
        int cheatersSlashed,
        int honestSlashed,
        int cheatersQuarantined,
        int honestQuarantined,
        BigDecimal slashedTotal,
        String ledgerAudit,
        List<String> deadAgents,
        double wallSeconds,
        Map<String, String> machine) {

    /**
     * One job's figures.
     *
     * @param commandMillis the summed runtime of its attempts' commands, as the agents measured and logged them
     * @param runtimeMillis the summed slot time of its attempts, as the coordinator recorded them
     */
    public record JobFigures(String id, String policy, String state, int tasks, int attempts, int verdicts, long commandMillis, long runtimeMillis,
                             double wallSeconds, int replicasRun, BigDecimal charged, BigDecimal verificationCostByNetwork, BigDecimal slashCompensation) {

        static JobFigures of(String policy, JobView job, JobBill bill, long commandMillis, double wallSeconds) {
            int attempts = 0;
            long runtime = 0;
            for (TaskView t : job.tasks()) {
                for (AttemptView a : t.attempts()) {
                    attempts++;
                    runtime += VerificationReport.runtimeMillis(a);
                }
            }
            return new JobFigures(job.id(), policy, job.state(), job.taskCount(), attempts, job.verdicts().size(), commandMillis, runtime, wallSeconds,
                    job.verification() == null ? 0 : (int) job.verification().replicasRun(), bill.charged(), bill.verificationCostByNetwork(),
                    bill.slashCompensation());
        }
    }

    /**
     * How long an attempt held a provider's slot, as the coordinator recorded it: from the claim that assigned it to its end; 0
     * while it has not ended. Not {@code startedAt}: an attempt that ends before its agent said it started gets its end as its
     * start, and would count as no time at all.
     */
    static long runtimeMillis(AttemptView a) {
        if (a.endedAt() == null || a.assignedAt() == null) return 0;
        return Math.max(0, Duration.between(a.assignedAt(), a.endedAt()).toMillis());
    }

    /** The attempts of {@code job} that reported a result (they succeeded, or their result lost a verdict), by the given providers. */
    static Set<String> reportedBy(JobView job, Set<String> providers) {
        Set<String> ids = new HashSet<>();
        for (TaskView t : job.tasks())
            for (AttemptView a : t.attempts())
                if (providers.contains(a.providerId()) && (a.state().equals("SUCCEEDED") || a.state().equals("REJECTED"))) ids.add(a.id());
        for (VerdictView v : job.verdicts())
            for (VerdictView.ResultView r : v.results()) if (providers.contains(r.providerId())) ids.add(r.attemptId());
        return ids;
    }

    /** The attempts of {@code job} by the given providers whose results lost a verdict. */
    static Set<String> rejectedOf(JobView job, Set<String> providers) {
        Set<String> ids = new HashSet<>();
        for (VerdictView v : job.verdicts())
            for (VerdictView.ResultView r : v.results()) if (r.rejected() && providers.contains(r.providerId())) ids.add(r.attemptId());
        for (TaskView t : job.tasks())
            for (AttemptView a : t.attempts()) if (providers.contains(a.providerId()) && a.state().equals("REJECTED")) ids.add(a.id());
        return ids;
    }

    /** The table, with what the figures mean and how the cheaters were rounded. */
    void print(PrintStream out) {
        out.printf(Locale.ROOT, "gridmint verification run: %d providers, %d%% cheaters = %s, %d tasks per job, seed %d%n", providers, cheatersPct,
                rounding(), tasks, seed);
        out.printf(Locale.ROOT, "machine: %s%n", machine);
        out.println();
        out.printf(Locale.ROOT, "%-18s %-9s %-10s %6s %8s %8s %10s %8s %8s%n", "job", "verify", "state", "tasks", "attempts", "verdicts", "command s",
                "slot s", "wall s");
        if (warmup != null) row(out, "warm-up (honest)", warmup);
        row(out, "baseline (honest)", baseline);
        row(out, "verified (all)", verified);
        out.println();
        out.printf(Locale.ROOT, "compute overhead:        %.3fx  (verified job's command runtime / baseline's, %d tasks each, agents' own measure)%n",
                overhead, tasks);
        out.printf(Locale.ROOT, "slot-time overhead:      %.3fx  (the same with the coordinator's claim-to-end time of each attempt)%n", slotOverhead);
        out.printf(Locale.ROOT, "attempts per task:       %.3fx  (verified %d / baseline %d attempts)%n", attemptRatio, verified.attempts(), baseline.attempts());
        if (warmup != null)
            out.printf(Locale.ROOT, "warm-up:                 %.3f attempts per task (honest providers without a record: each result replicated until its"
                    + " provider has %d agreeing results in a row)%n", warmupAttemptsPerTask, org.gridmint.core.verify.Trust.THRESHOLD);
        out.printf(Locale.ROOT, "wrong results produced:  %d  (cheaters' results in the verified job; the agents themselves counted %d)%n", wrongProduced,
                wrongByAgents);
        out.printf(Locale.ROOT, "wrong results rejected:  %d of %d%n", wrongRejected, wrongProduced);
        out.printf(Locale.ROOT, "wrong results accepted:  %d of %d final outputs differ from the reference%s%n", wrongAccepted, tasks,
                missingOutputs == 0 ? "" : " (" + missingOutputs + " tasks have no output)");
        out.printf(Locale.ROOT, "honest results rejected: %d%n", honestRejected);
        out.printf(Locale.ROOT, "cheaters slashed:        %d of %d (stakes lost %s credits in all); honest providers slashed: %d%n", cheatersSlashed,
                cheaters, slashedTotal.toPlainString(), honestSlashed);
        out.printf(Locale.ROOT, "cheaters quarantined:    %d of %d; honest providers quarantined: %d%n", cheatersQuarantined, cheaters, honestQuarantined);
        out.printf(Locale.ROOT, "client charged:          baseline %s, verified %s credits; network paid %s for replicas; slash compensation to the client %s%n",
                baseline.charged().toPlainString(), verified.charged().toPlainString(), verified.verificationCostByNetwork().toPlainString(),
                verified.slashCompensation().toPlainString());
        out.printf(Locale.ROOT, "ledger audit:            %s%n", ledgerAudit);
        if (!deadAgents.isEmpty()) out.printf(Locale.ROOT, "AGENTS THAT DIED:        %s%n", deadAgents);
        out.printf(Locale.ROOT, "wall time:               %.1f s (agents' start, stakes, all jobs, checks)%n", wallSeconds);
    }

    /** "1 agent" or, where the share is not whole, "0.5 agents, rounded half up to 1". */
    String rounding() {
        String n = cheaters + (cheaters == 1 ? " agent" : " agents");
        return exactCheaters == cheaters ? n : String.format(Locale.ROOT, "%.2f agents, rounded half up to %s", exactCheaters, n);
    }

    private static void row(PrintStream out, String name, JobFigures j) {
        out.printf(Locale.ROOT, "%-18s %-9s %-10s %6d %8d %8d %10.1f %8.1f %8.1f%n", name, j.policy(), j.state(), j.tasks(), j.attempts(), j.verdicts(),
                j.commandMillis() / 1000.0, j.runtimeMillis() / 1000.0, j.wallSeconds());
    }
}
