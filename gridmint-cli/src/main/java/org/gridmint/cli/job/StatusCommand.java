package org.gridmint.cli.job;

import java.util.concurrent.Callable;
import org.gridmint.api.JobView;
import org.gridmint.api.json.Json;
import org.gridmint.cli.ClientOptions;
import org.gridmint.cli.format.JobFormat;
import org.gridmint.client.GridmintClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gridmint job status ID}: the job and every attempt of every task: who ran it, when, and how it ended. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show a job and every attempt of its tasks.",
                "For each attempt: the provider that ran it, when it started, how long it took, how it ended and why."})
final class StatusCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Parameters(index = "0", paramLabel = "ID", converter = Converters.JobIdText.class, description = "The job's id.")
    String jobId;

    @Option(names = "--json", description = "Print the job as the coordinator's JSON view instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        try (GridmintClient c = client.connect()) {
            JobView job = c.job(jobId);
            var out = spec.commandLine().getOut();
            if (json) out.println(Json.writePretty(job));
            else out.print(JobFormat.status(job));
            out.flush();
            return 0;
        }
    }
}
