package org.gridmint.cli.demo;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.gridmint.api.AttemptView;
import org.gridmint.api.JobBill;
import org.gridmint.api.JobView;
import org.gridmint.api.ProviderView;
import org.gridmint.api.TaskView;
import org.gridmint.api.VerdictView;
import org.gridmint.cli.format.Units;
import org.gridmint.coordinator.ledger.LedgerVerifier;
import org.gridmint.sim.report.CloudPrice;
import org.gridmint.sim.report.CloudPrices;

/** The demo's closing report: what happened to the job's tasks, what it cost beside a cloud reference, and the ledger audit. */
final class DemoReport {
    /** The dated cloud price the bill is set beside (a spot T4 GPU-hour, the cheapest row of the shipped table). */
    static final String CLOUD_REFERENCE = "aws-t4-spot";

    private DemoReport() {}

    static void summary(PrintWriter out, JobView job, List<ProviderView> providers, int crashesDone, double seconds) {
        Map<String, String> names = new TreeMap<>();
        for (ProviderView p : providers) names.put(p.id(), p.name());
        Map<String, int[]> perProvider = new TreeMap<>();
        Map<String, Integer> lostReasons = new TreeMap<>();
        int attempts = 0;
        for (TaskView t : job.tasks()) {
            for (AttemptView a : t.attempts()) {
                attempts++;
                String who = names.getOrDefault(a.providerId(), a.providerId());
                int[] c = perProvider.computeIfAbsent(who, k -> new int[2]);
                if ("SUCCEEDED".equals(a.state())) c[0]++;
                else if (a.reason() != null) {
                    c[1]++;
                    lostReasons.merge(a.reason() + " (" + a.reasonText() + ")", 1, Integer::sum);
                }
            }
        }
        int succeeded = job.taskCounts().getOrDefault("SUCCEEDED", 0);
        out.println();
        out.println("=== summary ===");
        out.printf(Locale.ROOT, "job %s: %s — %d/%d tasks succeeded in %.1f s%n", job.id(), job.state(), succeeded, job.taskCount(), seconds);
        long finished = job.tasks().stream().flatMap(t -> t.attempts().stream())
                .filter(a -> "SUCCEEDED".equals(a.state()) || "REJECTED".equals(a.state())).count();
        out.printf(Locale.ROOT, "provider deaths: %d; attempts: %d (%d results, %d of them replicas that checked another), of which %d did not"
                + " finish:%n", crashesDone, attempts, finished, Math.max(0, finished - succeeded), attempts - finished);
        if (lostReasons.isEmpty()) out.println("  (none)");
        lostReasons.forEach((r, n) -> out.printf(Locale.ROOT, "  %3d x %s%n", n, r));
        out.println("who did what (results / lost or failed):");
        perProvider.forEach((p, c) -> out.printf(Locale.ROOT, "  %-12s %3d / %d%n", p, c[0], c[1]));
        if (job.verification() != null) {
            var ver = job.verification();
            long alone = job.verdicts().stream().filter(d -> d.results().size() == 1).count();
            long rejected = job.verdicts().stream().flatMap(d -> d.results().stream()).filter(VerdictView.ResultView::rejected).count();
            out.printf(Locale.ROOT, "verification (%s, per vector): %d verdicts; %d tasks checked by a second provider, %d accepted alone;"
                            + " %d replicas run, %d results rejected%n",
                    ver.policy(), job.verdicts().size(), job.verdicts().size() - alone, alone, ver.replicasRun(), rejected);
        }
        out.flush();
    }

    static void bill(PrintWriter out, JobBill bill, BigDecimal balance, int items, long tokens, LedgerVerifier.Result ledger) {
        long attempts = bill.tasks().stream().mapToLong(t -> t.attempts().size()).sum();
        long billed = bill.tasks().stream().flatMap(t -> t.attempts().stream()).filter(JobBill.AttemptBill::billed).count();
        long replicas = bill.tasks().stream().flatMap(t -> t.attempts().stream()).filter(a -> "REPLICA".equals(a.verification())).count();
        long lostMillis = bill.tasks().stream().flatMap(t -> t.attempts().stream()).filter(a -> !"REPLICA".equals(a.verification()))
                .mapToLong(a -> a.runtimeMillis() - a.billedMillis()).sum();
        out.println();
        out.println("=== bill (gridmint job bill " + bill.jobId() + ") ===");
        out.printf(Locale.ROOT, "held %s credits; charged %s (paid %s to providers, %s in fees) for %d billed attempts of %d;%n",
                plain(bill.held()), plain(bill.charged()), plain(bill.paid()), plain(bill.fees()), billed, attempts);
        if (replicas > 0)
            out.printf(Locale.ROOT, "the %d replicas that verified results were paid at cost by the network (%s credits), not by the client;%n",
                    replicas, plain(bill.verificationCostByNetwork()));
        out.printf(Locale.ROOT, "the %d attempts that died or failed (%s of runtime) cost nothing; refunded %s; client balance now %s%n",
                attempts - billed - replicas, Units.duration(Duration.ofMillis(lostMillis)), plain(bill.refunded()), plain(balance));
        if (tokens > 0) {
            BigDecimal perMillion = bill.charged().multiply(BigDecimal.valueOf(1_000_000)).divide(BigDecimal.valueOf(tokens), 6, RoundingMode.HALF_UP);
            out.printf(Locale.ROOT, "that is %s credits for %,d items (%,d tokens): %s credits per 1M tokens%n", plain(bill.charged()), items, tokens,
                    plain(perMillion));
        }
        out.println("all-in price: " + (bill.allInPerUsefulHour() == null ? "-" : plain(bill.allInPerUsefulHour()) + " credits per useful hour")
                + cloud());
        out.println("ledger verify: " + (ledger.ok() ? "OK (" + ledger.journal().entries() + " entries, chain and balances hold)"
                : "BROKEN: " + ledger.breaks()));
        out.flush();
    }

    /** The dated cloud reference set beside the all-in price (1 credit is pegged to 1 USD). */
    private static String cloud() {
        CloudPrice ref = CloudPrices.all().stream().filter(p -> p.id().equals(CLOUD_REFERENCE)).findFirst().orElse(null);
        if (ref == null || ref.usdPerGpuHour() == null) return "";
        return String.format(Locale.ROOT, "%ncloud reference: %s %s %s (%s) at $%.2f per GPU-hour, dated %s (the demo's providers are CPU cores)",
                ref.provider(), ref.instance(), ref.gpu(), ref.pricing(), ref.usdPerGpuHour(), ref.date());
    }

    static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }
}
