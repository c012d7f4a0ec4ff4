package org.gridmint.cli.wallet;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gridmint.api.PayoutAddressView;
import org.gridmint.chain.ChainKeys;
import org.gridmint.cli.CliException;
import org.gridmint.cli.ClientOptions;
import org.gridmint.client.GridmintClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gridmint wallet address}: shows or sets where the caller is paid on-chain. */
@Command(name = "address", mixinStandardHelpOptions = true,
        description = {"Show or set your payout address on the settlement chain.",
                "Give an ADDRESS, or --chain-key FILE to use that key's address. Each epoch's batch pays there what your providers",
                "earned in the epoch, your withdrawals and your GRID rewards; claim them with `gridmint wallet claim` (or",
                "`gridmint provider claim`). A provider's owner passes the agent's data dir as --data-dir."})
public final class AddressCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ADDRESS", description = "The address to be paid at: 0x and 40 hex digits.")
    String address;

    @Option(names = "--chain-key", paramLabel = "FILE", description = "Set the address of this chain key file instead (from `gridmint chain keygen`).")
    Path keyFile;

    @Override
    public Integer call() {
        if (address != null && keyFile != null) throw new ParameterException(spec.commandLine(), "give ADDRESS or --chain-key, not both");
        String target = keyFile != null ? addressOfKey() : address == null ? null : checked(address);
        try (GridmintClient c = client.connect()) {
            PrintWriter out = spec.commandLine().getOut();
            if (target == null) {
                PayoutAddressView v = c.payoutAddress();
                if (v.address() == null) out.println(v.account() + " has no payout address: set one with `gridmint wallet address 0x…` or --chain-key FILE");
                else out.println(v.address() + (v.updatedAt() == null ? "" : "  (payout address of " + v.account() + ", set " + v.updatedAt() + ")"));
            } else {
                PayoutAddressView v = c.setPayoutAddress(target);
                out.println("payout address of " + v.account() + " is now " + v.address() + ": the epochs that close from now on pay it");
            }
            out.flush();
            return 0;
        }
    }

    private String checked(String value) {
        String a = value.strip();
        if (!a.matches("0x[0-9a-fA-F]{40}")) {
            throw new ParameterException(spec.commandLine(), "ADDRESS must be 0x and 40 hex digits, was '" + value + "'");
        }
        return a.toLowerCase(Locale.ROOT);
    }

    private String addressOfKey() {
        try {
            return ChainKeys.addressOf(ChainKeys.readKeyFile(keyFile));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--chain-key: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new CliException("error: --chain-key: " + e.getMessage());
        }
    }
}
