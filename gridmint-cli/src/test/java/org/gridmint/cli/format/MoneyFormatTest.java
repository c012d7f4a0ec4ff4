package org.gridmint.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.gridmint.api.Earnings;
import org.gridmint.api.JobBill;
import org.gridmint.api.PostingView;
import org.gridmint.api.WalletHistory;
import org.junit.jupiter.api.Test;

class MoneyFormatTest {
    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void bill_showsEachAttempt_billedOrWhyNot_andTheTotals() {
        var lost = new JobBill.AttemptBill("att-1", 1, "prov-a", "LOST", "PROVIDER_LOST", 4000, 0, false,
                "not billed: PROVIDER_LOST (the provider stopped heartbeating)", null, null, null, null);
        var paid = new JobBill.AttemptBill("att-2", 2, "prov-b", "SUCCEEDED", null, 10_000, 10_000, true, "billed: it succeeded", d("0.36"), d("0.001"),
                d("0.00001"), d("0.00099"));
        var bill = new JobBill("job-x", "SUCCEEDED", d("0.5"), "1%", List.of(new JobBill.TaskBill(0, "SUCCEEDED", List.of(lost, paid))),
                d("0.5"), d("0.00099"), d("0.00001"), d("0.499"), BigDecimal.ZERO, d("0.001"), 10_000, 4000, d("0.36"));

        String out = MoneyFormat.bill(bill);

        assertThat(out).contains("Bill for job job-x (SUCCEEDED): max price 0.5 credits/h, protocol fee 1%");
        assertThat(out.lines().filter(l -> l.contains("prov-"))).hasSize(2);
        assertThat(out).containsPattern("0\\s+1\\s+prov-a\\s+PROVIDER_LOST\\s+4.0s\\s+no\\s+-\\s+-\\s+not billed: PROVIDER_LOST");
        assertThat(out).containsPattern("0\\s+2\\s+prov-b\\s+SUCCEEDED\\s+10s\\s+yes\\s+0.36\\s+0.001\\s+billed: it succeeded");
        assertThat(out).contains("refunded   0.499 to you", "charged    0.001 credits for 10s of useful work; 4.0s of failed",
                "all-in     0.36 credits per useful hour");
    }

    @Test
    void bill_showsAnAttemptBilledUpToItsCheckpoint_asPart() {
        var part = new JobBill.AttemptBill("att-1", 1, "prov-a", "LOST", "PROVIDER_LOST", 9000, 6000, true,
                "billed up to its checkpoint (6.0 s of 9.0 s), resumed by attempt #2; the rest not billed", d("0.36"), d("0.0006"), d("0.000006"),
                d("0.000594"));
        var bill = new JobBill("job-x", "SUCCEEDED", d("0.5"), "1%", List.of(new JobBill.TaskBill(0, "SUCCEEDED", List.of(part))),
                d("0.5"), d("0.000594"), d("0.000006"), d("0.4994"), BigDecimal.ZERO, d("0.0006"), 6000, 3000, d("0.36"));

        assertThat(MoneyFormat.bill(bill)).containsPattern("0\\s+1\\s+prov-a\\s+PROVIDER_LOST\\s+9.0s\\s+part\\s+0.36\\s+0.0006\\s+"
                + "billed up to its checkpoint \\(6.0 s of 9.0 s\\), resumed by attempt #2");
    }

    @Test
    void history_signsTheChange_andNamesTheCounterpart() {
        var h = new WalletHistory("acct-me", List.of(
                new PostingView(2, Instant.parse("2026-11-25T10:00:00Z"), "HOLD", "job-x", "acct-me", "escrow:job-x", d("1"), d("-1"), "h2"),
                new PostingView(1, Instant.parse("2026-11-25T09:00:00Z"), "DEPOSIT", "faucet:a", "issuer", "acct-me", d("5"), d("5"), "h1")), 1L);

        String out = MoneyFormat.history(h);

        assertThat(out).containsPattern("2\\s+2026-11-25 10:00:00\\s+HOLD\\s+-1\\s+job-x\\s+escrow:job-x");
        assertThat(out).containsPattern("1\\s+2026-11-25 09:00:00\\s+DEPOSIT\\s+\\+5\\s+faucet:a\\s+issuer");
        assertThat(out).endsWith("older entries: --before 1\n");
    }

    @Test
    void earnings_totalAndPerProvider() {
        var e = new Earnings("acct-me", d("0.00297"), d("0.003"), d("0.00003"), 2, 20_000,
                List.of(new Earnings.ProviderTotal("prov-a", 2, 20_000, d("0.003"), d("0.00003"), d("0.00297"))), List.of());

        assertThat(MoneyFormat.earnings(e)).contains("earned   0.00297 credits net (0.003 charged, 0.00003 in fees) for 2 tasks, 20s of runtime")
                .containsPattern("prov-a\\s+2\\s+20s\\s+0.003\\s+0.00003\\s+0.00297");
    }
}
