package org.gridmint.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.client.fake.Fixtures.attempt;
import static org.gridmint.client.fake.Fixtures.task;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.gridmint.api.AttemptView;
import org.gridmint.api.JobBill;
import org.gridmint.api.JobView;
import org.gridmint.api.VerdictView;
import org.gridmint.api.VerdictView.ResultView;
import org.gridmint.api.VerificationView;
import org.gridmint.client.fake.Fixtures;
import org.junit.jupiter.api.Test;

class VerificationFormatTest {
    private static final Instant AT = Instant.parse("2026-11-03T12:00:30Z");
    private static final BigDecimal ZERO = BigDecimal.ZERO;

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    /** Task 0: two results agreed. Task 1: a cheater lost two to one after a tie-breaker. Task 2: no quorum. */
    private static JobView verifiedJob() {
        JobView j = Fixtures.job("job-v", "FAILED", task(0, "SUCCEEDED", attempt(1, "prov-a", "SUCCEEDED", null), attempt(2, "prov-b", "SUCCEEDED", null)),
                task(1, "SUCCEEDED", attempt(1, "prov-x", "REJECTED", null), attempt(2, "prov-a", "SUCCEEDED", null), attempt(3, "prov-t", "SUCCEEDED", null)),
                task(2, "FAILED"));
        List<VerdictView> verdicts = List.of(
                new VerdictView("vrd-0", 0, "ACCEPTED", "adaptive", "replicated: the provider is untrusted", "att-0-1", AT, List.of(
                        new ResultView("att-0-1", "prov-a", "acct-a", "1a2b3c4d5e6f", true, false, "agrees with att-0-2: identical digests", ZERO, ZERO),
                        new ResultView("att-0-2", "prov-b", "acct-b", "1a2b3c4d5e6f", true, false, "agrees with att-0-1: identical digests", d("0.0012"), ZERO))),
                new VerdictView("vrd-1", 1, "ACCEPTED", "adaptive", "tie-breaker 1 of 2 on a trusted provider", "att-1-2", AT, List.of(
                        new ResultView("att-1-1", "prov-x", "acct-x", "ffeeddccbbaa", false, true, "out/v.json does not parse: not a number at byte 0", ZERO,
                                d("12.5")),
                        new ResultView("att-1-2", "prov-a", "acct-a", "0a0b0c0d0e0f", true, false, "agrees with att-1-3: max relative distance 2.1e-06", ZERO,
                                ZERO),
                        new ResultView("att-1-3", "prov-t", "acct-t", "0a0b0c0d0e0e", true, false, "agrees with att-1-2: max relative distance 2.1e-06",
                                d("0.0011"), ZERO))),
                new VerdictView("vrd-2", 2, "NO_QUORUM", "adaptive", "3 results, at most 1 agreeing, 2 needed, after 2 tie-breakers", null, AT, List.of(
                        new ResultView("att-2-1", "prov-a", "acct-a", "aaaaaaaaaaaa", false, false, "differs from att-2-2", ZERO, ZERO),
                        new ResultView("att-2-2", "prov-b", "acct-b", "bbbbbbbbbbbb", false, false, "differs from att-2-1", ZERO, ZERO))));
        return j.withVerification(verdicts, new VerificationView("adaptive; compare json, relative 0.001", 7, 4, d("0.0023"), 1, d("6.25")));
    }

    @Test
    void status_ofAVerifiedJob_showsThePolicyWhatItCostAndFound_andEveryResultOfEveryVerdict() {
        String s = JobFormat.status(verifiedJob());

        assertThat(s).contains("verification  adaptive; compare json, relative 0.001\n")
                .contains("7 results checked against another, 4 replicas run; the network paid 0.0023 credits for them at cost (not charged to you)")
                .contains("1 provider caught with wrong results; their slashes paid you 6.25 credits");
        assertThat(s).containsPattern("TASK\\s+VERDICT\\s+OUTCOME\\s+ATTEMPT\\s+PROVIDER\\s+DIGEST\\s+RESULT\\s+NETWORK PAID\\s+SLASHED\\s+EVIDENCE");
        assertThat(s).containsPattern("\\s0\\s+vrd-0\\s+ACCEPTED\\s+att-0-1\\s+prov-a\\s+1a2b3c4d5e6f\\s+accepted\\s+agrees with att-0-2");
        assertThat(s).containsPattern("att-0-2\\s+prov-b\\s+1a2b3c4d5e6f\\s+agreed\\s+0.0012\\s+agrees with att-0-1");
        assertThat(s).containsPattern("\\s1\\s+vrd-1\\s+ACCEPTED\\s+att-1-1\\s+prov-x\\s+ffeeddccbbaa\\s+REJECTED\\s+12.5\\s+out/v.json does not parse");
        assertThat(s).contains("max relative distance 2.1e-06");
    }

    @Test
    void status_ofANoQuorumVerdict_marksItsResultsDisagreed_notRejected() {
        String s = JobFormat.status(verifiedJob());

        assertThat(s).containsPattern("\\s2\\s+vrd-2\\s+NO_QUORUM\\s+att-2-1\\s+prov-a\\s+aaaaaaaaaaaa\\s+disagreed\\s+differs from att-2-2");
        assertThat(s.lines().filter(l -> l.contains("att-2-")).toList()).noneMatch(l -> l.contains("REJECTED"));
    }

    @Test
    void status_ofAJobThatVerifiesNothing_saysNothingOfVerification() {
        JobView plain = Fixtures.uniform("job-1", "SUCCEEDED", 2, "SUCCEEDED");
        JobView none = plain.withVerification(List.of(), new VerificationView("none", 0, 0, ZERO, 0, ZERO));

        assertThat(JobFormat.status(plain)).doesNotContain("verification").doesNotContain("VERDICT");
        assertThat(JobFormat.status(none)).doesNotContain("verification").doesNotContain("VERDICT");
    }

    @Test
    void status_ofAVerifiedJobWithoutVerdictsYet_saysSo() {
        JobView j = Fixtures.uniform("job-1", "RUNNING", 2, "RUNNING")
                .withVerification(List.of(), new VerificationView("replicas 2, quorum 2", 0, 0, ZERO, 0, ZERO));

        assertThat(JobFormat.status(j)).contains("verification  replicas 2, quorum 2").contains("0 providers caught with wrong results\n")
                .contains("no verdicts yet");
    }

    private static AttemptView rejectedAttempt() {
        AttemptView a = attempt(1, "prov-x", "REJECTED", null);
        return new AttemptView(a.id(), a.number(), a.providerId(), a.state(), null, null,
                "rejected by verdict vrd-1: out/v.json does not parse: not a number at byte 0", 0, a.assignedAt(), a.startedAt(), a.endedAt(), null,
                null);
    }

    @Test
    void status_givesARejectedAttemptItsVerdictAndEvidence_asItsReason() {
        AttemptView rejected = rejectedAttempt();

        String s = JobFormat.status(Fixtures.job("job-v", "RUNNING", task(1, "PENDING", rejected)));

        assertThat(s).containsPattern("prov-x\\s+\\S+ \\S+\\s+\\S+\\s+REJECTED\\s+rejected by verdict vrd-1: out/v.json does not parse");
    }

    @Test
    void newFailures_reportsARejectedResultOnce_withItsVerdict() {
        JobView j = Fixtures.job("job-v", "RUNNING", task(1, "PENDING", rejectedAttempt()));
        java.util.Set<String> seen = new java.util.HashSet<>();

        assertThat(JobFormat.newFailures(j, seen)).containsExactly(
                "task 1 attempt 1 on prov-x: REJECTED - rejected by verdict vrd-1: out/v.json does not parse: not a number at byte 0");
        assertThat(JobFormat.newFailures(j, seen)).isEmpty();
    }

    @Test
    void bill_ofAVerifiedJob_showsEachResultsVerification_andWhatTheNetworkPaidAndTheSlashesGaveBack() {
        var accepted = new JobBill.AttemptBill("att-1-2", 2, "prov-a", "SUCCEEDED", null, 10_000, 10_000, true, "billed: its result was accepted by verdict vrd-1",
                d("0.36"), d("0.001"), d("0.00001"), d("0.00099"), "ACCEPTED", "vrd-1", null);
        var replica = new JobBill.AttemptBill("att-1-3", 3, "prov-t", "SUCCEEDED", null, 11_000, 0, false,
                "replica, paid at cost by the network (0.0011 credits, verdict vrd-1): not billed to the client", null, null, null, null, "REPLICA", "vrd-1",
                d("0.0011"));
        var rejected = new JobBill.AttemptBill("att-1-1", 1, "prov-x", "REJECTED", null, 9_000, 0, false, "rejected by verdict vrd-1: not paid", null, null,
                null, null, "REJECTED", "vrd-1", null);
        var bill = new JobBill("job-v", "SUCCEEDED", d("0.5"), "1%", List.of(new JobBill.TaskBill(1, "SUCCEEDED", List.of(rejected, accepted, replica))),
                d("0.5"), d("0.00099"), d("0.00001"), d("0.499"), ZERO, d("0.001"), 10_000, 20_000, d("0.36"), d("0.0011"), d("6.25"));

        String out = MoneyFormat.bill(bill);

        assertThat(out).containsPattern("CHARGED\\s+VERIFICATION\\s+WHY");
        assertThat(out).containsPattern("1\\s+1\\s+prov-x\\s+REJECTED\\s+9.0s\\s+no\\s+-\\s+-\\s+REJECTED\\s+rejected by verdict vrd-1: not paid");
        assertThat(out).containsPattern("1\\s+2\\s+prov-a\\s+SUCCEEDED\\s+10s\\s+yes\\s+0.36\\s+0.001\\s+ACCEPTED\\s+billed: its result was accepted");
        assertThat(out).containsPattern("1\\s+3\\s+prov-t\\s+SUCCEEDED\\s+11s\\s+no\\s+-\\s+-\\s+REPLICA\\s+replica, paid at cost by the network");
        assertThat(out).contains("verified   0.0011 credits paid by the network at cost for the replicas that checked your results (not charged to you)")
                .contains("slashes    6.25 credits paid to you from the stakes of providers caught returning wrong results");
    }

    @Test
    void bill_ofAJobThatVerifiesNothing_keepsItsColumnsAndTotals() {
        var paid = new JobBill.AttemptBill("att-2", 1, "prov-b", "SUCCEEDED", null, 10_000, 10_000, true, "billed: it succeeded", d("0.36"), d("0.001"),
                d("0.00001"), d("0.00099"));
        var bill = new JobBill("job-x", "SUCCEEDED", d("0.5"), "1%", List.of(new JobBill.TaskBill(0, "SUCCEEDED", List.of(paid))),
                d("0.5"), d("0.00099"), d("0.00001"), d("0.499"), ZERO, d("0.001"), 10_000, 0, d("0.36"));

        String out = MoneyFormat.bill(bill);

        assertThat(out).doesNotContain("VERIFICATION").doesNotContain("verified   ").doesNotContain("slashes    ");
        assertThat(out).containsPattern("0\\s+1\\s+prov-b\\s+SUCCEEDED\\s+10s\\s+yes\\s+0.36\\s+0.001\\s+billed: it succeeded");
    }
}
