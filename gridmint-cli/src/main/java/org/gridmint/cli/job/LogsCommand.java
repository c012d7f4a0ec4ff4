package org.gridmint.cli.job;

import java.util.concurrent.Callable;
import org.gridmint.cli.ClientOptions;
import org.gridmint.client.GridmintClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gridmint job logs ID}: the output the job's tasks wrote, as the coordinator keeps it. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print the logs of a job's tasks (all tasks, or one with --task).")
final class LogsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Parameters(index = "0", paramLabel = "ID", converter = Converters.JobIdText.class, description = "The job's id.")
    String jobId;

    @Option(names = "--task", paramLabel = "N", description = "Only this task's logs (tasks are numbered from 0).")
    Integer task;

    @Override
    public Integer call() {
        if (task != null && task < 0) throw new ParameterException(spec.commandLine(), "--task must be 0 or more, was " + task);
        try (GridmintClient c = client.connect()) {
            String text = c.logs(jobId, task);
            var out = spec.commandLine().getOut();
            out.print(text);
            if (!text.isEmpty() && !text.endsWith("\n")) out.println();
            out.flush();
            return 0;
        }
    }
}
