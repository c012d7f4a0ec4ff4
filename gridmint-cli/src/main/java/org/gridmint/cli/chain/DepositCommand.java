package org.gridmint.cli.chain;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.gridmint.api.ChainInfo;
import org.gridmint.api.PostingView;
import org.gridmint.api.WalletHistory;
import org.gridmint.chain.TxReceipt;
import org.gridmint.chain.Units;
import org.gridmint.cli.CliException;
import org.gridmint.cli.ClientOptions;
import org.gridmint.cli.DurationConverter;
import org.gridmint.cli.format.MoneyFormat;
import org.gridmint.cli.wallet.WalletCommand;
import org.gridmint.client.GridmintClient;
import org.gridmint.core.money.Credits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gridmint wallet deposit}: moves stable credits from the caller's chain address into the settlement contract for
 * its account, then follows the deposit until the coordinator credits it.
 *
 * <p>Failure modes: a revert (too few stable credits, say) is reported with its reason and nothing is deposited; a
 * deposit that is mined but not credited within {@code --wait-timeout} is reported as such: it is not lost, the coordinator
 * credits it once it has seen its confirmations.
 */
@Command(name = "deposit", mixinStandardHelpOptions = true,
        description = {"Deposit credits on-chain and wait until the coordinator credits them.",
                "Approves the settlement contract and deposits AMOUNT stable credits (gUSD) from your chain key's address for your",
                "account, then waits (a progress line per block) until the coordinator has seen the deposit's confirmations and",
                "credited it. Only on a coordinator that settles on an EVM chain (see `gridmint chain info`); the contracts' addresses",
                "and the RPC URL come from it. Example: gridmint wallet deposit 25 --chain-key wallet.key"})
public final class DepositCommand implements Callable<Integer> {
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final int PAGE = 100;

    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Mixin ChainOptions chain;

    @Parameters(index = "0", paramLabel = "AMOUNT", converter = WalletCommand.Amount.class,
            description = "Credits to deposit, e.g. 25 or 2.5 (at most 6 decimals); your address needs that many stable credits and some gas.")
    BigDecimal amount;

    @Option(names = "--no-wait", description = "Return once the deposit is mined, without waiting for the coordinator to credit it.")
    boolean noWait;

    @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long to wait for the coordinator to credit the deposit (default: ${DEFAULT-VALUE}).")
    Duration waitTimeout;

    @Override
    public Integer call() throws InterruptedException {
        if (waitTimeout.isZero() || waitTimeout.isNegative()) throw new ParameterException(spec.commandLine(), "--wait-timeout must be positive, was " + waitTimeout);
        PrintWriter out = spec.commandLine().getOut();
        try (GridmintClient c = client.connect()) {
            ChainInfo info = c.chainInfo();
            ChainOptions.requireEvm(info, c.coordinator(), "there is nothing to deposit to; on a dev coordinator, `gridmint wallet faucet` gives test credits");
            String account = client.identity().account().value();
            BigInteger base = Units.toBaseUnits(Credits.of(amount).micros());
            long seenBefore = newestSeq(c);
            try (ChainSession s = chain.open(info, c.coordinator())) {
                BigInteger held = s.contracts().stableBalance(s.address());
                if (held.compareTo(base) < 0) {
                    throw new CliException("error: " + s.address() + " holds " + baseToText(held) + " stable credits (" + info.stableToken() + "), less than the "
                            + MoneyFormat.credits(amount) + " to deposit");
                }
                TxReceipt r = s.contracts().deposit(account, base);
                out.println("deposited " + MoneyFormat.credits(amount) + " credits from " + s.address() + " for " + account + ": tx " + r.txHash()
                        + " (block " + r.blockNumber() + ", gas " + r.gasUsed() + ")");
                out.flush();
                if (noWait) {
                    out.println("the coordinator credits it after " + info.confirmations() + " confirmation(s): see `gridmint wallet history`");
                    out.flush();
                    return 0;
                }
                PostingView credited = awaitCredit(c, s, r, info.confirmations(), seenBefore, out);
                out.println("credited " + MoneyFormat.credits(credited.amount()) + " credits into " + account + " (journal entry " + credited.seq() + ", "
                        + credited.reference() + "); balance " + MoneyFormat.credits(c.wallet().balance()) + " credits");
                out.flush();
                return 0;
            }
        }
    }

    /** Polls the chain's head and the account's history until the deposit's posting shows up, printing each new confirmation count. */
    private PostingView awaitCredit(GridmintClient c, ChainSession s, TxReceipt r, int confirmations, long seenBefore, PrintWriter out)
            throws InterruptedException {
        long deadline = System.nanoTime() + waitTimeout.toNanos();
        long shown = -1;
        while (true) {
            long head = s.client().blockNumber();
            long have = Math.max(0, head - r.blockNumber() + 1);
            if (have != shown) {
                out.println("block " + head + ": " + Math.min(have, confirmations) + " of " + confirmations + " confirmation(s)"
                        + (have >= confirmations ? ", waiting for the coordinator to credit it" : ""));
                out.flush();
                shown = have;
            }
            Optional<PostingView> p = creditOf(c, r.txHash(), seenBefore);
            if (p.isPresent()) return p.get();
            if (System.nanoTime() - deadline > 0) {
                throw new CliException("error: the deposit (tx " + r.txHash() + ", block " + r.blockNumber() + ", " + have + " confirmation(s)) was not credited within "
                        + waitTimeout.toSeconds() + " s. It is not lost: the coordinator credits it once it has seen " + confirmations
                        + " confirmation(s); check `gridmint wallet history` later");
            }
            Thread.sleep(POLL);
        }
    }

    /** The newest journal entry of the caller's history now, so that the wait only looks at what came after. */
    private static long newestSeq(GridmintClient c) {
        WalletHistory h = c.history(null, 1);
        return h.postings().isEmpty() ? 0 : h.postings().getFirst().seq();
    }

    /** The DEPOSIT posting whose reference names {@code txHash} ({@code chain:<txHash>:<logIndex>}), among entries after {@code after}. */
    static Optional<PostingView> creditOf(GridmintClient c, String txHash, long after) {
        String prefix = "chain:" + txHash.toLowerCase(Locale.ROOT) + ":";
        Long before = null;
        while (true) {
            WalletHistory h = c.history(before, PAGE);
            for (PostingView p : h.postings()) {
                if (p.seq() <= after) return Optional.empty();
                if ("DEPOSIT".equals(p.kind()) && p.reference() != null && p.reference().toLowerCase(Locale.ROOT).startsWith(prefix)) return Optional.of(p);
            }
            if (h.nextBefore() == null) return Optional.empty();
            before = h.nextBefore();
        }
    }

    /** Base units (18 decimals) as a decimal number of tokens, for messages. */
    static String baseToText(BigInteger base) {
        return new BigDecimal(base, 18).stripTrailingZeros().toPlainString();
    }
}
