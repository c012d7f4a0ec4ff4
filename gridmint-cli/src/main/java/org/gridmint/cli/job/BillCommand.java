package org.gridmint.cli.job;

import java.util.concurrent.Callable;
import org.gridmint.api.json.Json;
import org.gridmint.cli.ClientOptions;
import org.gridmint.cli.format.MoneyFormat;
import org.gridmint.client.GridmintClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gridmint job bill ID}: what the job cost, attempt by attempt, and what it held, paid and refunded. */
@Command(name = "bill", mixinStandardHelpOptions = true,
        description = "Show a job's bill: for every attempt of every task, whether it was billed and why not (failed, lost and "
                + "cancelled attempts cost nothing), its runtime, price and charge; then what the job held, paid, refunded, and "
                + "the all-in price per useful hour.")
final class BillCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Parameters(index = "0", paramLabel = "ID", converter = Converters.JobIdText.class, description = "The job's id.")
    String jobId;

    @Option(names = "--json", description = "Print the bill as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (GridmintClient c = client.connect()) {
            var bill = c.bill(jobId);
            var out = spec.commandLine().getOut();
            out.print(json ? Json.writePretty(bill) + "\n" : MoneyFormat.bill(bill));
            out.flush();
            return 0;
        }
    }
}
