package org.gridmint.cli;

import java.math.BigDecimal;
import java.util.concurrent.Callable;
import org.gridmint.api.StakeView;
import org.gridmint.api.UnbondingView;
import org.gridmint.cli.format.MoneyFormat;
import org.gridmint.client.GridmintClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gridmint provider stake} and {@code gridmint provider unstake}: the owner puts credits up on its provider, or
 * takes them back after the unbonding period.
 */
@Command(name = "stake", mixinStandardHelpOptions = true,
        description = {"Stake credits from your wallet on your provider. A provider whose result loses a verdict that other providers",
                "formed is slashed: part of its stake compensates the client, part goes to the treasury. Jobs may ask for a",
                "minimum stake; a provider with less gets none of their tasks. Sign as the provider's owner: pass the agent's",
                "data dir as --data-dir. Example: gridmint provider stake 25 --data-dir ./prov1"})
public final class StakeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Option(names = "--provider", paramLabel = "ID",
            description = "The provider to stake on (default: the provider id kept in --data-dir, where its agent runs).")
    String providerId;

    @Parameters(index = "0", paramLabel = "AMOUNT", description = "Credits to stake, e.g. 25 or 2.5 (at most 6 decimals).")
    BigDecimal amount;

    @Override
    public Integer call() {
        String id = client.providerIdOr(providerId);
        try (GridmintClient c = client.connect()) {
            StakeView v = c.stake(id, amount);
            print(spec, v.providerId() + " staked " + MoneyFormat.credits(amount) + ": " + summary(v));
            return 0;
        }
    }

    /** {@code gridmint provider unstake}: starts an unbonding that returns the credits after its period. */
    @Command(name = "unstake", mixinStandardHelpOptions = true,
            description = {"Unstake credits from your provider. They stay staked through the unbonding period (7 days unless the",
                    "coordinator says otherwise), so a slash for a result still awaiting its verdict reaches them; then, once the",
                    "provider holds no task and no result of it awaits a verdict, they return to your wallet. From the moment you",
                    "unstake they no longer count toward a job's minStake. At most what is staked less what is already unbonding.",
                    "Sign as the provider's owner: pass the agent's data dir as --data-dir."})
    public static final class Unstake implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ClientOptions client;

        @Option(names = "--provider", paramLabel = "ID",
                description = "The provider to unstake from (default: the provider id kept in --data-dir, where its agent runs).")
        String providerId;

        @Parameters(index = "0", paramLabel = "AMOUNT", description = "Credits to unstake, e.g. 5 (at most 6 decimals).")
        BigDecimal amount;

        @Override
        public Integer call() {
            String id = client.providerIdOr(providerId);
            try (GridmintClient c = client.connect()) {
                StakeView v = c.unstake(id, amount);
                UnbondingView u = v.unbondings().isEmpty() ? null : v.unbondings().getFirst();
                String when = u == null ? "" : " (" + u.id() + ", released from " + u.releaseAt() + " once it holds no task and no result of it awaits a verdict)";
                print(spec, v.providerId() + " unstaking " + MoneyFormat.credits(amount) + when + ": " + summary(v));
                return 0;
            }
        }
    }

    static String summary(StakeView v) {
        return MoneyFormat.credits(v.staked()) + " staked, of which " + MoneyFormat.credits(v.unbonding()) + " unbonding"
                + (v.slashed() == null || v.slashed().signum() == 0 ? "" : "; slashed " + MoneyFormat.credits(v.slashed()) + " in all");
    }

    private static void print(CommandSpec spec, String line) {
        var out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
    }
}
