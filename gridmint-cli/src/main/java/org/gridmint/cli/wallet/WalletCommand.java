package org.gridmint.cli.wallet;

import java.math.BigDecimal;
import java.util.concurrent.Callable;
import org.gridmint.api.DepositView;
import org.gridmint.api.json.Json;
import org.gridmint.cli.ClientOptions;
import org.gridmint.cli.format.MoneyFormat;
import org.gridmint.client.GridmintClient;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.money.Credits;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code gridmint wallet}: the caller's money. Not runnable alone; picocli asks for a subcommand. */
@Command(name = "wallet", mixinStandardHelpOptions = true,
        description = {"Your balance, its history, and deposits. Your account is your key's (see `gridmint keys show`).",
                "Submitting a job holds its maximum cost in escrow; each succeeded task pays its provider; the rest comes back when the job ends.",
                "On a coordinator that settles on a chain: deposit on-chain, set your payout address, withdraw, and claim what epochs pay you."},
        subcommands = {WalletCommand.Balance.class, WalletCommand.History.class, WalletCommand.Faucet.class, WalletCommand.Mint.class,
                AddressCommand.class, WithdrawCommand.class, WithdrawCommand.Withdrawals.class, org.gridmint.cli.chain.DepositCommand.class,
                ClaimsCommand.class, org.gridmint.cli.chain.ClaimCommand.class})
public final class WalletCommand {

    /** An amount of credits such as {@code 100} or {@code 2.5}, positive, at most 6 decimals. */
    public static final class Amount implements ITypeConverter<BigDecimal> {
        @Override
        public BigDecimal convert(String value) {
            try {
                Credits c = Credits.parse(value);
                if (c.micros() <= 0) throw new TypeConversionException("'" + value + "' is not a positive amount of credits");
                return c.toBigDecimal();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    @Command(name = "balance", mixinStandardHelpOptions = true, description = "Show your balance, what your unfinished jobs hold in escrow, and what your providers earned.")
    static final class Balance implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ClientOptions client;

        @Option(names = "--json", description = "Print the wallet as JSON.")
        boolean json;

        @Override
        public Integer call() {
            try (GridmintClient c = client.connect()) {
                var w = c.wallet();
                var out = spec.commandLine().getOut();
                out.print(json ? Json.writePretty(w) + "\n" : MoneyFormat.wallet(w));
                out.flush();
                return 0;
            }
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "List the postings that moved your money, newest first: deposits, holds, payments, refunds.")
    static final class History implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ClientOptions client;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "How many postings, 1 to 1000 (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--before", paramLabel = "SEQ", description = "Only postings older than this journal entry (for the next page).")
        Long before;

        @Option(names = "--json", description = "Print the page as JSON.")
        boolean json;

        @Override
        public Integer call() {
            if (limit < 1 || limit > 1000) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must be between 1 and 1000, was " + limit);
            if (before != null && before < 1) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--before must be a journal entry >= 1, was " + before);
            try (GridmintClient c = client.connect()) {
                var h = c.history(before, limit);
                var out = spec.commandLine().getOut();
                if (json) out.println(Json.writePretty(h));
                else if (h.postings().isEmpty())
                    spec.commandLine().getErr().println("no postings yet" + (before == null ? ": on a dev coordinator, try `gridmint wallet faucet 100`" : ""));
                else out.print(MoneyFormat.history(h));
                out.flush();
                spec.commandLine().getErr().flush();
                return 0;
            }
        }
    }

    @Command(name = "faucet", mixinStandardHelpOptions = true,
            description = "Take test credits from the dev faucet into your account. Only a coordinator started with "
                    + "--dev-faucet has one; on any other it answers 403.")
    static final class Faucet implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ClientOptions client;

        @Parameters(index = "0", paramLabel = "AMOUNT", converter = Amount.class, description = "Credits to take, e.g. 100 or 2.5 (at most 100000).")
        BigDecimal amount;

        @Option(names = "--reference", paramLabel = "REF",
                description = "Makes the deposit idempotent: running again with the same reference deposits nothing more. Default: "
                        + "a fresh one.")
        String reference;

        @Override
        public Integer call() {
            try (GridmintClient c = client.connect()) {
                return report(spec, c.faucet(amount, reference));
            }
        }
    }

    @Command(name = "mint", mixinStandardHelpOptions = true,
            description = "Mint credits into any account: the coordinator's operator only (sign with its data dir: --data-dir "
                    + "DIR of the coordinator), and only in dev mode (--dev-faucet).")
    static final class Mint implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ClientOptions client;

        @Parameters(index = "0", paramLabel = "ACCOUNT", description = "The receiving account, acct-… (see `gridmint keys show`).")
        String account;

        @Parameters(index = "1", paramLabel = "AMOUNT", converter = Amount.class, description = "Credits to mint, e.g. 100 (at most 100000).")
        BigDecimal amount;

        @Option(names = "--reference", paramLabel = "REF", description = "Makes the mint idempotent. Default: a fresh one.")
        String reference;

        @Override
        public Integer call() {
            try {
                AccountId.of(account.strip());
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "ACCOUNT: " + e.getMessage());
            }
            try (GridmintClient c = client.connect()) {
                return report(spec, c.mint(account.strip(), amount, reference));
            }
        }
    }

    private static int report(CommandSpec spec, DepositView d) {
        var out = spec.commandLine().getOut();
        out.println((d.repeated() ? "already deposited (reference " + d.reference() + "): " : "deposited ") + MoneyFormat.credits(d.amount())
                + " credits into " + d.account() + "; balance " + MoneyFormat.credits(d.balance()) + " credits (journal entry " + d.seq() + ")");
        out.flush();
        return 0;
    }
}
