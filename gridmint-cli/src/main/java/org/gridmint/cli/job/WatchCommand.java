package org.gridmint.cli.job;

import java.util.concurrent.Callable;
import org.gridmint.cli.CliContext;
import org.gridmint.cli.ClientOptions;
import org.gridmint.client.GridmintClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gridmint job watch ID}: live progress until the job ends; the exit status tells how it ended. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Follow a job until it ends.",
                "Shows a progress bar with the tasks in each state (plain lines when stdout is not a terminal) and a line "
                        + "for each failed attempt as it happens."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the job SUCCEEDED", "1:the job FAILED, or an error", "2:the job was CANCELLED (or the command line was wrong)"})
final class WatchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Mixin WatchOptions watchOptions;

    @Parameters(index = "0", paramLabel = "ID", converter = Converters.JobIdText.class, description = "The job's id, as `job submit` printed it.")
    String jobId;

    @Override
    public Integer call() throws InterruptedException {
        try (GridmintClient c = client.connect()) {
            return new JobWatcher(CliContext.of(spec), spec.commandLine().getOut()).watch(c, jobId, watchOptions);
        }
    }
}
