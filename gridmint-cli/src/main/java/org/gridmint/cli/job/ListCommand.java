package org.gridmint.cli.job;

import java.util.concurrent.Callable;
import org.gridmint.api.JobList;
import org.gridmint.api.json.Json;
import org.gridmint.cli.ClientOptions;
import org.gridmint.cli.format.JobFormat;
import org.gridmint.client.GridmintClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gridmint job list}: the account's jobs, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the account's jobs, newest first.")
final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Option(names = "--json", description = "Print the list as JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        try (GridmintClient c = client.connect()) {
            var jobs = c.jobs();
            var out = spec.commandLine().getOut();
            if (json) out.println(Json.writePretty(new JobList(jobs)));
            else if (jobs.isEmpty()) spec.commandLine().getErr().println("no jobs yet: submit one with `gridmint job submit SPEC`");
            else out.print(JobFormat.list(jobs));
            out.flush();
            spec.commandLine().getErr().flush();
            return 0;
        }
    }
}
