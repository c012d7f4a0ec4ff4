package org.gridmint.cli.job;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gridmint.api.JobView;
import org.gridmint.api.json.InvalidInputException;
import org.gridmint.cli.CliContext;
import org.gridmint.cli.CliException;
import org.gridmint.cli.ClientOptions;
import org.gridmint.cli.format.Problems;
import org.gridmint.client.GridmintClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gridmint job submit SPEC}: checks the spec locally, uploads its files and submits it. The job id is
 * the first line of stdout, alone, so that {@code id=$(gridmint job submit spec.yaml | head -1)} works.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Submit a job from a spec file.",
                "The spec (YAML, or JSON for .json files) is checked before anything is sent; the files it lists are read "
                        + "relative to the spec's directory and uploaded. The job id is printed alone on the first line of stdout, "
                        + "details on stderr."})
final class SubmitCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Mixin WatchOptions watchOptions;

    @Parameters(index = "0", paramLabel = "SPEC", description = "The job spec file.")
    Path specFile;

    @Option(names = "--watch", description = "Follow the job until it ends; the exit status is then that of `gridmint job watch`.")
    boolean watch;

    @Override
    public Integer call() throws InterruptedException {
        if (!Files.isRegularFile(specFile)) throw new CliException("error: no such spec file: " + specFile.toAbsolutePath());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (GridmintClient c = client.connect()) {
            JobView job;
            try {
                job = c.submit(specFile);
            } catch (InvalidInputException e) {
                throw new CliException(Problems.describe("error: invalid job spec " + specFile + ":", e.errors()));
            }
            out.println(job.id());
            out.flush();
            err.println("submitted " + job.id() + " (" + job.name() + "), " + job.taskCount() + (job.taskCount() == 1 ? " task" : " tasks")
                    + (watch ? "" : "; follow it with: gridmint job watch " + job.id()));
            err.flush();
            if (!watch) return 0;
            return new JobWatcher(CliContext.of(spec), out).watch(c, job.id(), watchOptions);
        }
    }
}
