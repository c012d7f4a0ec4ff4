package org.gridmint.cli.format;

import java.math.BigDecimal;
import java.time.Duration;
import org.gridmint.api.Earnings;
import org.gridmint.api.JobBill;
import org.gridmint.api.PostingView;
import org.gridmint.api.WalletHistory;
import org.gridmint.api.WalletView;

/** How the CLI shows money: wallets, their history, job bills and earnings. Amounts in credits, prices per hour. */
public final class MoneyFormat {
    private MoneyFormat() {}

    /** {@code 12.5}; "-" for null. */
    public static String credits(BigDecimal c) {
        return c == null ? "-" : c.stripTrailingZeros().toPlainString();
    }

    public static String wallet(WalletView w) {
        return "account    " + w.account() + "\n"
                + "balance    " + credits(w.balance()) + " credits\n"
                + "in escrow  " + credits(w.inEscrow()) + " credits (held by your unfinished jobs)\n"
                + "earned     " + credits(w.earned()) + " credits (paid to your providers, net of fees)\n";
    }

    public static String history(WalletHistory h) {
        Table t = Table.of("SEQ", "TIME", "KIND", "CHANGE", "REFERENCE", "COUNTERPART").right(0, 3);
        for (PostingView p : h.postings()) {
            boolean in = p.change().signum() > 0;
            String sign = in ? "+" : "";
            t.row(p.seq(), Units.time(p.at()), p.kind(), sign + credits(p.change()), p.reference(), in ? p.from() : p.to());
        }
        String more = h.nextBefore() == null ? "" : "older entries: --before " + h.nextBefore() + "\n";
        return t.render() + more;
    }

    public static String bill(JobBill b) {
        StringBuilder out = new StringBuilder();
        out.append("Bill for job ").append(b.jobId()).append(" (").append(b.state()).append("): max price ").append(credits(b.maxPrice()))
                .append(" credits/h, protocol fee ").append(b.feeRate()).append("\n\n");
        // A verified job's bill says for each result whether the client paid it, the network paid it as a replica, or a verdict rejected it.
        boolean verified = VerificationFormat.verified(b);
        Table t = verified
                ? Table.of("TASK", "ATTEMPT", "PROVIDER", "STATE", "RUNTIME", "BILLED", "PRICE/H", "CHARGED", "VERIFICATION", "WHY").right(0, 1, 4, 6, 7)
                : Table.of("TASK", "ATTEMPT", "PROVIDER", "STATE", "RUNTIME", "BILLED", "PRICE/H", "CHARGED", "WHY").right(0, 1, 4, 6, 7);
        for (JobBill.TaskBill task : b.tasks()) {
            if (task.attempts().isEmpty()) row(t, verified, "", task.index(), "-", "-", task.state(), "-", "no", null, null, "not billed: never ran");
            for (JobBill.AttemptBill a : task.attempts()) {
                row(t, verified, VerificationFormat.billColumn(a), task.index(), a.number(), a.providerId(), a.reason() != null ? a.reason() : a.state(),
                        Units.duration(Duration.ofMillis(a.runtimeMillis())), !a.billed() ? "no" : a.billedMillis() < a.runtimeMillis() ? "part" : "yes",
                        credits(a.price()), credits(a.gross()), a.why());
            }
        }
        out.append(t.render()).append('\n');
        out.append("held       ").append(credits(b.held())).append(" credits (tasks × timeout × max price, at submission)\n");
        out.append("paid       ").append(credits(b.paid())).append(" to providers\n");
        out.append("fees       ").append(credits(b.fees())).append(" to the treasury\n");
        out.append("refunded   ").append(credits(b.refunded())).append(" to you\n");
        out.append("in escrow  ").append(credits(b.inEscrow())).append(b.inEscrow().signum() == 0 ? "\n" : " (returned when the job ends)\n");
        out.append("charged    ").append(credits(b.charged())).append(" credits for ").append(Units.duration(Duration.ofMillis(b.usefulMillis())))
                .append(" of useful work; ").append(Units.duration(Duration.ofMillis(b.unbilledMillis())))
                .append(" of failed, lost or cancelled attempts (past any checkpoint that was resumed) cost you nothing\n");
        out.append("all-in     ").append(b.allInPerUsefulHour() == null ? "- (no useful work yet)" : credits(b.allInPerUsefulHour()) + " credits per useful hour")
                .append('\n');
        out.append(VerificationFormat.billTotals(b));
        return out.toString();
    }

    /** A bill row; a verified job's bill has its VERIFICATION column just before WHY, the last cell. */
    private static void row(Table t, boolean verified, String verification, Object... cells) {
        if (!verified) {
            t.row(cells);
            return;
        }
        Object[] all = java.util.Arrays.copyOf(cells, cells.length + 1);
        all[cells.length - 1] = verification;
        all[cells.length] = cells[cells.length - 1];
        t.row(all);
    }

    public static String earnings(Earnings e) {
        StringBuilder out = new StringBuilder();
        out.append("account  ").append(e.account()).append('\n');
        out.append("earned   ").append(credits(e.net())).append(" credits net (").append(credits(e.gross())).append(" charged, ")
                .append(credits(e.fees())).append(" in fees) for ").append(e.tasks()).append(" task").append(e.tasks() == 1 ? "" : "s").append(", ")
                .append(Units.duration(Duration.ofMillis(e.runtimeMillis()))).append(" of runtime\n");
        if (!e.providers().isEmpty()) {
            out.append('\n');
            Table t = Table.of("PROVIDER", "TASKS", "RUNTIME", "GROSS", "FEES", "NET").right(1, 2, 3, 4, 5);
            for (var p : e.providers())
                t.row(p.providerId(), p.tasks(), Units.duration(Duration.ofMillis(p.runtimeMillis())), credits(p.gross()), credits(p.fees()), credits(p.net()));
            out.append(t.render());
        }
        if (!e.recent().isEmpty()) {
            out.append("\nlatest payments\n");
            Table t = Table.of("TIME", "JOB", "TASK", "PROVIDER", "RUNTIME", "PRICE/H", "NET").right(2, 4, 5, 6);
            for (var p : e.recent())
                t.row(Units.time(p.at()), p.jobId(), p.task(), p.providerId(), Units.duration(Duration.ofMillis(p.runtimeMillis())), credits(p.price()),
                        credits(p.net()));
            out.append(t.render());
        }
        return out.toString();
    }
}
