package org.gridmint.cli.network;

import java.util.List;
import java.util.concurrent.Callable;
import org.gridmint.api.NetworkReport;
import org.gridmint.api.json.Json;
import org.gridmint.cli.ClientOptions;
import org.gridmint.client.GridmintClient;
import org.gridmint.sim.report.CloudPrice;
import org.gridmint.sim.report.CloudPrices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gridmint network}: the network as a whole. Not runnable alone; picocli asks for a subcommand. */
@Command(name = "network", mixinStandardHelpOptions = true, description = "The network as a whole: its economics per epoch.",
        subcommands = {NetworkCommand.Report.class})
public final class NetworkCommand {

    /** What {@code --json} prints: the coordinator's report and the dated cloud prices it is set beside. */
    public record ReportJson(NetworkReport report, List<CloudPrice> cloudReferences) {}

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"Show the network's economics per epoch, the current (open) epoch first: what clients paid (revenue, of which"
                    + " protocol fees), what providers' stakes lost (slashes), what the network issued (GRID emitted, valued at the"
                    + " coordinator's --grid-price, and SUBSIDY credits for verification replicas), the subsidy ratio"
                    + " (issued / revenue), active providers, verified and useful GPU-hours, and the price per useful GPU-hour:"
                    + " what clients paid, and all-in (with what the network issued). Then the all-in price over the listed"
                    + " epochs beside dated cloud reference prices (1 credit = 1 USD).",
                    "Any account may read it; the current epoch's figures are so far, and it mints at its close."})
    static final class Report implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ClientOptions client;

        @Option(names = "--epochs", paramLabel = "N", defaultValue = "24", description = "How many epochs to list, newest first, 1 to 1000"
                + " (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--json", description = "Print the report and the cloud reference prices as JSON: {\"report\": …, \"cloudReferences\": […]}.")
        boolean json;

        @Override
        public Integer call() {
            if (epochs < 1 || epochs > 1000) throw new ParameterException(spec.commandLine(), "--epochs must be between 1 and 1000, was " + epochs);
            try (GridmintClient c = client.connect()) {
                NetworkReport r = c.networkReport(epochs);
                var out = spec.commandLine().getOut();
                out.print(json ? Json.writePretty(new ReportJson(r, CloudPrices.all())) + "\n" : NetworkFormat.report(r, CloudPrices.all()));
                out.flush();
                return 0;
            }
        }
    }
}
