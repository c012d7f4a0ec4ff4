package org.gridmint.cli.chain;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gridmint.api.ChainInfo;
import org.gridmint.api.json.Json;
import org.gridmint.chain.ChainKeys;
import org.gridmint.cli.CliException;
import org.gridmint.cli.ClientOptions;
import org.gridmint.client.GridmintClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gridmint chain}: chain keys, and how the coordinator settles. Not runnable alone. */
@Command(name = "chain", mixinStandardHelpOptions = true,
        description = {"Your key on the settlement chain, and the chain the coordinator settles on.",
                "On a coordinator that settles on an EVM chain, you deposit credits and claim your payouts with your own chain key:",
                "`gridmint wallet deposit`, `gridmint provider claim`."},
        subcommands = {ChainCommand.Keygen.class, ChainCommand.Info.class})
public final class ChainCommand {

    /** {@code gridmint chain keygen}: a fresh secp256k1 key in an owner-only file. */
    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = {"Create a new chain key (secp256k1) in FILE, readable by you only, and print its address.",
                    "An existing file is never overwritten. Back the file up: whoever holds it holds what is paid to the address.",
                    "Then: `gridmint wallet address --chain-key FILE` makes it your payout address."})
    static final class Keygen implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "The key file to create (it must not exist).")
        Path out;

        @Override
        public Integer call() {
            String key = ChainKeys.newPrivateKeyHex();
            try {
                ChainKeys.writeKeyFile(out, key);
            } catch (IllegalArgumentException e) {
                throw new CliException("error: --out: " + e.getMessage());
            } catch (UncheckedIOException e) {
                throw new CliException("error: --out: " + e.getMessage());
            }
            PrintWriter w = spec.commandLine().getOut();
            w.println(ChainKeys.addressOf(key));
            w.println("key file  " + out.toAbsolutePath() + " (readable by you only; back it up)");
            w.flush();
            return 0;
        }
    }

    /** {@code gridmint chain info}: GET /api/v1/chain. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Show how the coordinator settles: embedded (its own ledger, no chain) or on an EVM chain, with the chain id, "
                    + "the RPC URL it publishes, the contracts' addresses and the confirmations a deposit needs.")
    static final class Info implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ClientOptions client;

        @Option(names = "--json", description = "Print the answer as JSON.")
        boolean json;

        @Override
        public Integer call() {
            try (GridmintClient c = client.connect()) {
                ChainInfo i = c.chainInfo();
                PrintWriter w = spec.commandLine().getOut();
                if (json) w.println(Json.writePretty(i));
                else w.print(describe(i));
                w.flush();
                return 0;
            }
        }
    }

    /** The chain as a person reads it. */
    static String describe(ChainInfo i) {
        if (!ChainInfo.EVM.equals(i.settlement())) {
            return "settlement     " + i.settlement() + " (no chain: every balance stays in the coordinator's ledger)\n";
        }
        return "settlement     evm\n"
                + "chain id       " + i.chainId() + "\n"
                + "rpc            " + (i.rpc() == null ? "- (pass your own --rpc)" : i.rpc()) + "\n"
                + "contract       " + i.settlementContract() + "\n"
                + "stable credit  " + i.stableToken() + "\n"
                + "GRID           " + i.gridToken() + "\n"
                + "operator       " + i.operator() + "\n"
                + "confirmations  " + i.confirmations() + " (before a deposit is credited)\n";
    }
}
