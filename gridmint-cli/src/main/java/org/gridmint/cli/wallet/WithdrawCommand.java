package org.gridmint.cli.wallet;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.concurrent.Callable;
import org.gridmint.api.WithdrawalList;
import org.gridmint.api.WithdrawalView;
import org.gridmint.api.json.Json;
import org.gridmint.cli.ClientOptions;
import org.gridmint.cli.format.MoneyFormat;
import org.gridmint.cli.format.Table;
import org.gridmint.cli.format.Units;
import org.gridmint.client.GridmintClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gridmint wallet withdraw}: takes credits out of the ledger, to be paid on-chain by the next epoch's batch. */
@Command(name = "withdraw", mixinStandardHelpOptions = true,
        description = {"Withdraw credits that no job holds to your payout address, paid on-chain by the next epoch's batch.",
                "They leave your balance now and are paid in the settlement batch of the next epoch to close; once that batch is",
                "posted, claim them with `gridmint wallet claim --chain-key FILE` (`gridmint wallet claims` shows where they stand).",
                "Only on a coordinator that settles on a chain (`gridmint wallet address` sets where they go)."})
public final class WithdrawCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Parameters(index = "0", paramLabel = "AMOUNT", converter = WalletCommand.Amount.class,
            description = "Credits to withdraw, e.g. 10 or 2.5 (at most 6 decimals, at most your balance).")
    BigDecimal amount;

    @Option(names = "--reference", paramLabel = "REF",
            description = "Makes the withdrawal idempotent: running again with the same reference withdraws nothing more. Default: a fresh one.")
    String reference;

    @Override
    public Integer call() {
        try (GridmintClient c = client.connect()) {
            WithdrawalView w = c.withdraw(amount, reference);
            PrintWriter out = spec.commandLine().getOut();
            out.println("withdrawing " + MoneyFormat.credits(w.amount()) + " credits to " + w.address() + " (" + w.id() + ", " + w.state() + ")");
            out.println(w.epoch() == null ? "paid in the settlement batch of the next epoch to close" : "paid in epoch " + w.epoch() + "'s settlement batch");
            out.println("once that batch is posted, claim it with `gridmint wallet claim --chain-key FILE`; `gridmint wallet claims` shows it");
            out.flush();
            return 0;
        }
    }

    /** {@code gridmint wallet withdrawals}: the caller's withdrawals and where each stands. */
    @Command(name = "withdrawals", mixinStandardHelpOptions = true,
            description = "List your withdrawals, newest first: PENDING (waits for its epoch to close), BATCHED (in a closed epoch's batch, "
                    + "not posted yet) or POSTED (claimable on-chain with `gridmint wallet claim`).")
    public static final class Withdrawals implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ClientOptions client;

        @Option(names = "--json", description = "Print the withdrawals as JSON.")
        boolean json;

        @Override
        public Integer call() {
            try (GridmintClient c = client.connect()) {
                WithdrawalList l = c.withdrawals();
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    out.println(Json.writePretty(l));
                } else if (l.withdrawals().isEmpty()) {
                    out.println("no withdrawals yet");
                } else {
                    Table t = Table.of("ID", "REQUESTED", "AMOUNT", "ADDRESS", "EPOCH", "STATE").right(2, 4);
                    for (WithdrawalView w : l.withdrawals()) t.row(w.id(), Units.time(w.requestedAt()), MoneyFormat.credits(w.amount()), w.address(), w.epoch(), w.state());
                    out.print(t.render());
                }
                out.flush();
                return 0;
            }
        }
    }
}
