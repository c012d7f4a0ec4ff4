package org.gridmint.cli.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.gridmint.api.NetworkReport;
import org.junit.jupiter.api.Test;

/** The table's settlement batches: what each paid out and what the operator funded to back it. */
class NetworkFormatTest {
    private static final Instant START = Instant.parse("2026-11-25T00:00:00Z");

    @Test
    void postedBatches_showWhatTheOperatorFunded_perEpochAndOverTheEpochs() {
        var posted = epoch(0, "POSTED", "12.5", "1.25", "0x" + "ab".repeat(32), "0x" + "cd".repeat(32));
        var open = epoch(1, "OPEN", "0", "0", null, null);
        var totals = epoch(-1, null, "12.5", "1.25", null, null);
        var report = new NetworkReport("evm", "GRID", new BigDecimal("0.05"), "PT1M", START, List.of(open, posted), totals);

        String out = NetworkFormat.report(report, List.of());

        assertThat(out).contains("OPERATOR FUNDED").contains("1.25 credits over these epochs");
        String row = out.lines().filter(l -> l.contains("0x" + "ab".repeat(32))).findFirst().orElseThrow();
        assertThat(row.strip().split("\\s{2,}")).containsExactly("0", "POSTED", "12.5", "100", "1.25", "0x" + "ab".repeat(32), "0x" + "cd".repeat(32));
    }

    private static NetworkReport.Epoch epoch(long n, String state, String paid, String funded, String root, String tx) {
        BigDecimal z = BigDecimal.ZERO;
        return new NetworkReport.Epoch(n, START.plusSeconds(60 * Math.max(0, n)), START.plusSeconds(60 * Math.max(1, n + 1)), !"OPEN".equals(state), z, z, z,
                z, z, z, null, 0, z, z, null, null, new BigDecimal(paid), new BigDecimal("100"), new BigDecimal(funded), root, tx, state);
    }
}
