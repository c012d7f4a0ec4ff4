package org.gridmint.cli.job;

import java.util.concurrent.Callable;
import org.gridmint.api.JobView;
import org.gridmint.cli.ClientOptions;
import org.gridmint.client.GridmintClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gridmint job cancel ID}: stops the job's running attempts and leaves its pending tasks unrun. */
@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a job: running attempts are stopped, pending tasks never run.")
final class CancelCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Parameters(index = "0", paramLabel = "ID", converter = Converters.JobIdText.class, description = "The job's id.")
    String jobId;

    @Override
    public Integer call() {
        try (GridmintClient c = client.connect()) {
            JobView job = c.cancel(jobId);
            var out = spec.commandLine().getOut();
            out.println(job.id() + " " + job.state());
            out.flush();
            return 0;
        }
    }
}
