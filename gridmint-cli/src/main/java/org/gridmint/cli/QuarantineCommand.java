package org.gridmint.cli;

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
 * {@code gridmint provider quarantine}: the operator keeps a provider from work. Signed with the key in
 * {@code --data-dir}, which must be the coordinator's own (its data dir) for the coordinator to accept it.
 */
@Command(name = "quarantine", mixinStandardHelpOptions = true,
        description = {"Quarantine a provider: its claims are refused and it gets no work until released with `unquarantine`.",
                "Operator only: pass the coordinator's data dir as --data-dir, so the request is signed with the coordinator's key."})
public final class QuarantineCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Parameters(index = "0", paramLabel = "PROVIDER_ID", description = "The provider to quarantine (see `gridmint providers`).")
    String providerId;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, shown with the provider and in its refused claims (at most 500 characters).")
    String reason;

    @Override
    public Integer call() {
        try (GridmintClient c = client.connect()) {
            report(spec, c.quarantine(providerId, reason));
            return 0;
        }
    }

    static void report(CommandSpec spec, ProviderView p) {
        var out = spec.commandLine().getOut();
        out.println(p.id() + (p.quarantined() ? " quarantined" + (p.quarantineReason() == null ? "" : ": " + p.quarantineReason()) : " released"));
        out.flush();
    }

    /** {@code gridmint provider unquarantine}: the operator lets a quarantined provider work again. */
    @Command(name = "unquarantine", mixinStandardHelpOptions = true,
            description = {"Release a provider from quarantine so that it gets work again.",
                    "Operator only: pass the coordinator's data dir as --data-dir."})
    public static final class Release implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ClientOptions client;

        @Parameters(index = "0", paramLabel = "PROVIDER_ID", description = "The provider to release.")
        String providerId;

        @Override
        public Integer call() {
            try (GridmintClient c = client.connect()) {
                report(spec, c.unquarantine(providerId));
                return 0;
            }
        }
    }
}
