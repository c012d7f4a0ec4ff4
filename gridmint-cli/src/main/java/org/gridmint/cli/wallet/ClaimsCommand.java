package org.gridmint.cli.wallet;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.gridmint.api.ChainInfo;
import org.gridmint.api.ClaimList;
import org.gridmint.api.ClaimView;
import org.gridmint.api.json.Json;
import org.gridmint.cli.ClientOptions;
import org.gridmint.cli.format.MoneyFormat;
import org.gridmint.cli.format.Table;
import org.gridmint.client.GridmintClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gridmint wallet claims}: what the settlement batches pay the caller, epoch by epoch, at its payout address or an earlier one. */
@Command(name = "claims", mixinStandardHelpOptions = true,
        description = {"List what the epochs' settlement batches pay you, at your payout address or an earlier one.",
                "Per epoch the credits and GRID, and the state: CLAIMABLE (posted on-chain: `gridmint wallet claim` or",
                "`gridmint provider claim`), CLAIMED, or CLOSED (computed, not posted yet)."})
public final class ClaimsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Option(names = "--json", description = "Print the leaves with their proofs as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (GridmintClient c = client.connect()) {
            ClaimList l = c.claims();
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? Json.writePretty(l) + "\n" : render(l));
            out.flush();
            return 0;
        }
    }

    /** The leaves as a table under a line naming the address and the chain. */
    static String render(ClaimList l) {
        ChainInfo chain = l.chain();
        if (chain != null && !ChainInfo.EVM.equals(chain.settlement())) {
            return "the coordinator settles " + chain.settlement() + " (no chain): nothing is paid on-chain; your balance and GRID stay in its ledger\n";
        }
        if (l.address() == null) return l.account() + " has no payout address: set one with `gridmint wallet address`\n";
        String head = "payout address " + l.address() + (chain == null ? "" : " on chain " + chain.chainId() + ", settlement " + chain.settlementContract()) + "\n";
        if (l.claims().isEmpty()) return head + "no claims yet: an epoch pays the address once it closes with earnings, withdrawals or GRID for it\n";
        Table t = Table.of("EPOCH", "CREDITS", "GRID", "STATE").right(0, 1, 2);
        StringBuilder elsewhere = new StringBuilder();
        for (ClaimView v : l.claims()) {
            t.row(v.epoch(), MoneyFormat.credits(v.credits()), MoneyFormat.credits(v.tokens()), v.state());
            if (!v.address().equalsIgnoreCase(l.address()))
                elsewhere.append("epoch ").append(v.epoch()).append(" pays ").append(MoneyFormat.credits(v.credits())).append(" credits and ")
                        .append(MoneyFormat.credits(v.tokens())).append(" GRID to ").append(v.address()).append(", an earlier payout address\n");
        }
        return head + t.render() + elsewhere;
    }
}
