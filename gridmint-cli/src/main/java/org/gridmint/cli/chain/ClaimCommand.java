package org.gridmint.cli.chain;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.gridmint.api.ChainInfo;
import org.gridmint.api.ClaimList;
import org.gridmint.api.ClaimView;
import org.gridmint.chain.ChainException;
import org.gridmint.chain.TxReceipt;
import org.gridmint.cli.CliException;
import org.gridmint.cli.ClientOptions;
import org.gridmint.cli.format.MoneyFormat;
import org.gridmint.client.GridmintClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gridmint provider claim} (also {@code gridmint wallet claim}): claims the leaves that pay the caller (at its
 * payout address, or an earlier one a leaf was batched to) of posted epochs from the settlement contract, one transaction per epoch, with the Merkle proofs the coordinator keeps.
 *
 * <p>Failure modes: a leaf already claimed (on-chain, whatever the coordinator says) is skipped; a claim that reverts is
 * reported with the contract's reason and the others still go ahead; the exit status is then 1.
 */
@Command(name = "claim", mixinStandardHelpOptions = true,
        description = {"Claim your payouts (credits and GRID) on-chain with their Merkle proofs.",
                "For every posted epoch that pays your payout address (or only --epoch N), sends the settlement contract the leaf and",
                "its proof; the contract pays the leaf's credits (stable tokens) and GRID to the payout address. Claimed epochs are",
                "skipped. Any key may send a claim (it pays the gas); the funds always go to the address the leaf pays (your payout",
                "address, or an earlier one for what was batched before you changed it). Sign as the account",
                "that is paid: a provider's owner passes the agent's data dir as --data-dir.",
                "Example: gridmint provider claim --chain-key wallet.key --data-dir ./prov1"})
public final class ClaimCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Mixin ChainOptions chain;

    @Option(names = "--epoch", paramLabel = "N", description = "Claim only epoch N's leaf (default: every claimable one).")
    Long epoch;

    @Override
    public Integer call() {
        if (epoch != null && epoch < 0) throw new ParameterException(spec.commandLine(), "--epoch must be an epoch number >= 0, was " + epoch);
        PrintWriter out = spec.commandLine().getOut();
        try (GridmintClient c = client.connect()) {
            ClaimList list = c.claims();
            ChainInfo info = list.chain() != null ? list.chain() : c.chainInfo();
            ChainOptions.requireEvm(info, c.coordinator(), "nothing is paid on-chain, so there is nothing to claim; your earnings stay in its ledger "
                    + "(`gridmint wallet balance`)");
            if (list.address() == null) {
                throw new CliException("error: " + list.account() + " has no payout address, so nothing is paid on-chain to it: set one with "
                        + "`gridmint wallet address --chain-key FILE`; the epochs that close after that pay it");
            }
            List<ClaimView> leaves = list.claims().stream().filter(l -> epoch == null || l.epoch() == epoch).toList();
            if (epoch != null && leaves.isEmpty()) {
                throw new CliException("error: --epoch " + epoch + ": no batch pays " + list.address() + " in epoch " + epoch
                        + (list.claims().isEmpty() ? " (it has no leaves yet)" : " (its epochs: " + list.claims().stream().map(l -> String.valueOf(l.epoch())).toList() + ")"));
            }
            for (ClaimView l : leaves) {
                if (ClaimView.CLAIMED.equals(l.state())) out.println("epoch " + l.epoch() + ": already claimed, skipped");
                else if (ClaimView.CLOSED.equals(l.state())) out.println("epoch " + l.epoch() + ": closed, not posted on-chain yet: claim it once it is");
            }
            List<ClaimView> claimable = leaves.stream().filter(l -> ClaimView.CLAIMABLE.equals(l.state())).toList();
            if (claimable.isEmpty()) {
                out.println("nothing to claim for " + list.address() + (leaves.isEmpty() ? ": no epoch has paid it yet" : ""));
                out.flush();
                return 0;
            }
            out.flush();
            return claim(info, c, list.address(), claimable, out);
        }
    }

    private int claim(ChainInfo info, GridmintClient c, String address, List<ClaimView> claimable, PrintWriter out) {
        int failed = 0;
        int claimed = 0;
        try (ChainSession s = chain.open(info, c.coordinator())) {
            if (!s.address().equalsIgnoreCase(address)) {
                out.println("sending from " + s.address() + " (it pays the gas); the funds go to the payout address " + address);
            }
            for (ClaimView l : claimable) {
                // A leaf is claimed at the address it pays: an earlier payout address keeps what was batched to it.
                String to = l.address();
                if (!to.equalsIgnoreCase(address))
                    out.println("epoch " + l.epoch() + ": this leaf pays " + to + ", an earlier payout address of yours: the funds go there");
                if (s.contracts().isClaimed(l.epoch(), to)) {
                    out.println("epoch " + l.epoch() + ": already claimed on-chain, skipped");
                    continue;
                }
                try {
                    TxReceipt r = s.contracts().claim(l.epoch(), to, new BigInteger(l.creditsBaseUnits()), new BigInteger(l.tokensBaseUnits()), proof(l));
                    out.println("epoch " + l.epoch() + ": claimed " + MoneyFormat.credits(l.credits()) + " credits and " + MoneyFormat.credits(l.tokens())
                            + " GRID to " + to + ": tx " + r.txHash() + " (block " + r.blockNumber() + ", gas " + r.gasUsed() + ")");
                    claimed++;
                } catch (ChainException e) {
                    if (e.revertReason() == null) throw e;
                    spec.commandLine().getErr().println("error: the claim of epoch " + l.epoch() + " reverted: "
                            + (e.revertReason().isEmpty() ? "(no reason given)" : e.revertReason()));
                    failed++;
                }
                out.flush();
            }
        }
        out.println(claimed + " epoch(s) claimed" + (failed == 0 ? "" : ", " + failed + " reverted"));
        out.flush();
        spec.commandLine().getErr().flush();
        return failed == 0 ? 0 : 1;
    }

    /** The leaf's proof as the contract takes it: 32-byte siblings. */
    static List<byte[]> proof(ClaimView l) {
        return l.proof().stream().map(h -> HexFormat.of().parseHex(h.startsWith("0x") ? h.substring(2) : h)).toList();
    }
}
