package org.gridmint.cli;

import java.util.concurrent.Callable;
import org.gridmint.api.json.Json;
import org.gridmint.cli.format.MoneyFormat;
import org.gridmint.client.GridmintClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gridmint provider earnings}: what the providers owned by this key were paid. */
@Command(name = "earnings", mixinStandardHelpOptions = true,
        description = "Show what your providers earned: totals net of the protocol fee, per provider, and the latest "
                + "payments. Your providers are those registered with the key in --data-dir (run the agent and this "
                + "command with the same one).")
public final class EarningsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many latest payments to list, 1 to 1000 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print the earnings as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 1 || limit > 1000) throw new ParameterException(spec.commandLine(), "--limit must be between 1 and 1000, was " + limit);
        try (GridmintClient c = client.connect()) {
            var e = c.earnings(limit);
            var out = spec.commandLine().getOut();
            out.print(json ? Json.writePretty(e) + "\n" : MoneyFormat.earnings(e));
            out.flush();
            return 0;
        }
    }
}
