package org.gridmint.cli;

import java.util.concurrent.Callable;
import org.gridmint.api.ProviderList;
import org.gridmint.api.json.Json;
import org.gridmint.cli.format.ProviderFormat;
import org.gridmint.client.GridmintClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gridmint providers}: the providers the coordinator knows, their prices, capacity, health and record. */
@Command(name = "providers", mixinStandardHelpOptions = true,
        description = "List the providers the coordinator knows: price, capacity, health and track record.")
final class ProvidersCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Option(names = "--json", description = "Print the provider list as JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        try (GridmintClient c = client.connect()) {
            var providers = c.providers();
            var out = spec.commandLine().getOut();
            if (json) out.println(Json.writePretty(new ProviderList(providers)));
            else if (providers.isEmpty()) spec.commandLine().getErr().println("no providers yet: start one with `gridmint provider`");
            else out.print(ProviderFormat.table(providers));
            out.flush();
            spec.commandLine().getErr().flush();
            return 0;
        }
    }
}
