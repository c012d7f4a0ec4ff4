package org.gridmint.cli.job;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gridmint.cli.ClientOptions;
import org.gridmint.client.GridmintClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gridmint job results ID -o DIR}: every task's outputs, as {@code DIR/task-00007/<output path>}. */
@Command(name = "results", mixinStandardHelpOptions = true,
        description = {"Download every task's outputs into a directory.",
                "Files are written as DIR/task-00007/<output path>; each one written is printed on stdout."})
final class ResultsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Parameters(index = "0", paramLabel = "ID", converter = Converters.JobIdText.class, description = "The job's id.")
    String jobId;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
            description = "The directory to write into; created if missing, files already there are replaced.")
    Path dir;

    @Override
    public Integer call() {
        try (GridmintClient c = client.connect()) {
            Path root = dir.toAbsolutePath().normalize();
            List<Path> files = c.downloadResults(jobId, dir);
            var out = spec.commandLine().getOut();
            for (Path f : files) out.println(dir.resolve(root.relativize(f)));
            out.flush();
            var err = spec.commandLine().getErr();
            err.println(files.isEmpty() ? jobId + " has no outputs" : "wrote " + files.size() + (files.size() == 1 ? " file" : " files") + " under " + dir);
            err.flush();
            return 0;
        }
    }
}
