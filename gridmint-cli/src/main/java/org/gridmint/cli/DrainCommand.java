package org.gridmint.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.gridmint.api.ProviderView;
import org.gridmint.client.GridmintClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gridmint provider drain}: the owner asks the coordinator to drain a provider. Providers only pull, so the
 * request waits at the coordinator until the agent's next claim or heartbeat; {@code --wait} watches until it has
 * handed everything back.
 */
@Command(name = "drain", mixinStandardHelpOptions = true,
        description = {"Drain one of your providers: it gets no new work, and its agent, on its next claim or heartbeat, checkpoints",
                "its running tasks, hands them back to be resumed elsewhere (reason PROVIDER_DRAINED, not held against it) and exits 0.",
                "Sign as the provider's owner: pass the agent's --data-dir. Starting the agent again ends the drain."})
public final class DrainCommand implements Callable<Integer> {
    private static final Duration POLL = Duration.ofMillis(500);

    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Parameters(index = "0", paramLabel = "PROVIDER_ID", description = "The provider to drain (see `gridmint providers`).")
    String providerId;

    @Option(names = "--wait", description = "Wait until the provider holds no more tasks (its agent handed them all back).")
    boolean await;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "With --wait, how long to wait before giving up with exit status 1 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        var out = spec.commandLine().getOut();
        try (GridmintClient c = client.connect()) {
            ProviderView p = c.drainProvider(providerId);
            out.println(p.id() + " draining" + (p.running() == 0 ? "" : ": " + p.running() + " task(s) to hand back"));
            out.flush();
            if (!await) return 0;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (p.running() > 0) {
                if (System.nanoTime() - deadline > 0)
                    throw new CliException("error: " + p.id() + " still holds " + p.running() + " task(s) after " + timeout.toSeconds()
                            + " s; is its agent running? Its leases expire by themselves if not.");
                Thread.sleep(POLL);
                String id = p.id();
                p = c.providers().stream().filter(v -> v.id().equals(id)).findFirst()
                        .orElseThrow(() -> new CliException("error: " + id + " is no longer listed by the coordinator"));
            }
            out.println(p.id() + " drained: it holds no tasks");
            out.flush();
            return 0;
        }
    }
}
