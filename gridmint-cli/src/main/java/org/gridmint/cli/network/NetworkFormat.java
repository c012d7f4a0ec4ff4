package org.gridmint.cli.network;

import static org.gridmint.cli.format.MoneyFormat.credits;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import org.gridmint.api.NetworkReport;
import org.gridmint.cli.format.Table;
import org.gridmint.cli.format.Units;
import org.gridmint.sim.report.CloudPrice;

/** How {@code gridmint network report} prints: one row per epoch and the totals, settlement batches, then the cloud references. */
final class NetworkFormat {
    private NetworkFormat() {}

    static String report(NetworkReport r, List<CloudPrice> cloud) {
        StringBuilder b = new StringBuilder();
        b.append("Network report: ").append(r.settlement()).append(" settlement, epochs of ").append(r.epochLength()).append(" from ")
                .append(Units.time(r.genesis())).append(" UTC; ").append(r.token()).append(" valued at ").append(credits(r.gridPrice()))
                .append(" credits\n");
        if (r.epochs().isEmpty()) return b.append("no epoch has begun yet (genesis lies ahead)\n").toString();
        b.append("Credits: revenue (client payments, of which fees), slashes, subsidy (credits issued for verification replicas);\n")
                .append("issued/revenue = (GRID value + subsidy) / revenue; prices per useful GPU-hour.\n\n");
        Table t = Table.of("EPOCH", "STATE", "START (UTC)", "REVENUE", "FEES", "SLASHES", "SUBSIDY", "GRID MINTED", "GRID VALUE", "ISSUED/REVENUE",
                "PROVIDERS", "VERIFIED GPU-H", "USEFUL GPU-H", "CLIENT/GPU-H", "ALL-IN/GPU-H").right(0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
        for (NetworkReport.Epoch e : r.epochs()) row(t, String.valueOf(e.epoch()), e.state(), Units.time(e.start()), e);
        NetworkReport.Epoch total = r.totals();
        row(t, "total", "", Units.time(total.start()), total);
        b.append(t.render());
        batches(b, r);
        b.append('\n');
        b.append("All-in price per useful GPU-hour over these epochs: ").append(total.allInPricePerGpuHour() == null ? "- (no useful work yet)"
                : credits(total.allInPricePerGpuHour()) + " credits (clients paid " + credits(total.clientPricePerGpuHour()) + ")").append('\n');
        b.append("Cloud reference prices (1 credit = 1 USD):\n");
        Table c = Table.of("REFERENCE", "PROVIDER", "INSTANCE", "GPU", "PRICING", "USD/GPU-H", "DATED", "ALL-IN/CLOUD").right(5, 7);
        for (CloudPrice p : cloud) {
            String ratio = null;
            if (p.usdPerGpuHour() != null && p.usdPerGpuHour() > 0 && total.allInPricePerGpuHour() != null)
                ratio = total.allInPricePerGpuHour().divide(BigDecimal.valueOf(p.usdPerGpuHour()), 2, RoundingMode.HALF_UP).toPlainString() + "x";
            c.row(p.id(), p.provider(), p.instance(), p.gpu(), p.pricing(), p.usdPerGpuHour() == null ? null : String.format(Locale.ROOT, "%.2f", p.usdPerGpuHour()),
                    p.date(), ratio);
        }
        return b.append(c.render()).toString();
    }

    private static void row(Table t, String epoch, String state, String start, NetworkReport.Epoch e) {
        t.row(epoch, state, start, credits(e.revenue()), credits(e.fees()), credits(e.slashes()), credits(e.subsidyCredits()), credits(e.emitted()),
                credits(e.emittedValue()), credits(e.subsidyRatio()), e.activeProviders(), credits(e.verifiedGpuHours()), credits(e.usefulGpuHours()),
                credits(e.clientPricePerGpuHour()), credits(e.allInPricePerGpuHour()));
    }

    /**
     * The on-chain batches, when any epoch had one: what each paid out, what the operator funded to back it (network-issued
     * credits no deposit brought on-chain), its root and the transaction that posted it.
     */
    private static void batches(StringBuilder b, NetworkReport r) {
        List<NetworkReport.Epoch> posted = r.epochs().stream().filter(e -> e.root() != null).toList();
        if (posted.isEmpty()) return;
        Table t = Table.of("EPOCH", "STATE", "PAID CREDITS", "PAID GRID", "OPERATOR FUNDED", "ROOT", "TX").right(0, 2, 3, 4);
        for (NetworkReport.Epoch e : posted)
            t.row(e.epoch(), e.state(), credits(e.payoutCredits()), credits(e.payoutTokens()), credits(e.operatorFunding()), e.root(), e.txHash());
        b.append("\nSettlement batches (claim with `gridmint provider claim`; OPERATOR FUNDED: credits the operator sent the contract to back\n")
                .append("network-issued credits such as verification subsidies; ").append(credits(r.totals().operatorFunding()))
                .append(" credits over these epochs):\n").append(t.render());
    }
}
