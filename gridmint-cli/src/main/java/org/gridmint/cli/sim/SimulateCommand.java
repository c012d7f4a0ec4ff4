package org.gridmint.cli.sim;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gridmint.api.json.Json;
import org.gridmint.cli.CliContext;
import org.gridmint.cli.CliException;
import org.gridmint.sim.Comparison;
import org.gridmint.sim.SimProgress;
import org.gridmint.sim.Simulator;
import org.gridmint.sim.scenario.Scenario;
import org.gridmint.sim.scenario.ScenarioException;
import org.gridmint.sim.scenario.ScenarioReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gridmint simulate SCENARIO.yaml}: a whole network's churn on a virtual clock, Gridmint beside a naive baseline. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate a network described by a scenario file (providers, failures, stragglers, jobs) on a virtual clock, "
                + "with core's real matcher and task lifecycle, and compare Gridmint with a naive baseline (random placement, restart "
                + "from scratch, every attempt billed): completion, makespan ratio, goodput, price per useful hour, and dated cloud "
                + "reference prices. With cheaters or a verify policy in the scenario, also verification's compute overhead (against the "
                + "same run unverified), wrong results accepted and caught, and cheaters caught. The same scenario and seed always give "
                + "the same report.",
                "Examples: examples/scenarios/*.yaml; the format is in gridmint-sim/README.md."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:the simulation ran", "2:the scenario file is missing or invalid (each bad field is named)"})
public final class SimulateCommand implements Callable<Integer> {
    static final int BAD_INPUT = 2;

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO.yaml", description = "The scenario to simulate.")
    Path scenarioFile;

    @Option(names = "--seed", paramLabel = "N", description = "Use this seed instead of the scenario's.")
    Long seed;

    @Option(names = "--json", description = "Print the report as JSON instead of tables.")
    boolean json;

    @Option(names = "--no-baseline", description = "Run Gridmint only, without the naive baseline (half the time).")
    boolean noBaseline;

    @Option(names = "--quiet", description = "Show no progress on stderr.")
    boolean quiet;

    @Option(names = "--speculation", paramLabel = "SLOWDOWN|off",
            description = "Override the scenario's jobs.speculation: back up a straggler once it runs past SLOWDOWN x its job's median (e.g. 4), or off.")
    String speculation;

    @Override
    public Integer call() {
        Scenario scenario = read();
        if (seed != null) scenario = scenario.withSeed(seed);
        if (speculation != null) scenario = scenario.withSpeculate(speculate(scenario.jobs().speculate()));
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        Comparison report;
        try (ProgressDisplay progress = quiet ? ProgressDisplay.none() : ProgressDisplay.of(CliContext.of(spec), err)) {
            report = Simulator.run(scenario, !noBaseline, progress);
        } catch (ScenarioException e) {
            throw new CliException(e.getMessage(), BAD_INPUT);
        }
        long wallMillis = (System.nanoTime() - started) / 1_000_000;
        PrintWriter out = spec.commandLine().getOut();
        if (json) out.println(Json.writePretty(SimReport.json(scenario, report, wallMillis)));
        else out.print(SimReport.text(scenario, report, wallMillis));
        out.flush();
        return 0;
    }

    private Scenario.Speculate speculate(Scenario.Speculate current) {
        if (speculation.strip().equals("off")) return Scenario.Speculate.OFF;
        try {
            double slowdown = Double.parseDouble(speculation.strip());
            if (slowdown >= 1 && slowdown <= 100)
                return new Scenario.Speculate(slowdown, current.maxBackups() > 0 ? current.maxBackups() : Scenario.Speculate.DEFAULT.maxBackups());
        } catch (NumberFormatException e) {
            // Falls through to the error below.
        }
        throw new CliException("--speculation: must be off or a slowdown from 1 to 100, was \"" + speculation + "\"", BAD_INPUT);
    }

    private Scenario read() {
        if (!Files.isRegularFile(scenarioFile)) throw new CliException("no scenario file at " + scenarioFile, BAD_INPUT);
        try {
            return ScenarioReader.read(scenarioFile);
        } catch (ScenarioException e) {
            throw new CliException(scenarioFile + ": " + e.getMessage(), BAD_INPUT);
        } catch (UncheckedIOException e) {
            throw new CliException(e.getMessage(), BAD_INPUT);
        }
    }

    /** A {@link SimProgress} the command closes when the runs are over. */
    interface ProgressDisplay extends SimProgress, AutoCloseable {
        @Override
        void close();

        static ProgressDisplay none() {
            return new LineProgress(null);
        }

        /** A bar on stderr when the terminal is interactive, plain lines otherwise. */
        static ProgressDisplay of(CliContext context, PrintWriter err) {
            return context.interactive() ? new BarProgress(System.err) : new LineProgress(err);
        }
    }
}
