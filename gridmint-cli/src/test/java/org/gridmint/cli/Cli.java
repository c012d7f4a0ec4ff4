package org.gridmint.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/** Runs the real command line in-process with captured output and a chosen environment. */
public final class Cli {
    /** What one run printed and how it exited. */
    public record Result(int exit, String out, String err) {
        public String firstLine() {
            return out.lines().findFirst().orElse("");
        }
    }

    private Cli() {}

    public static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var context = new CliContext(env, "tester", false, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        CommandLine cmd = Main.commandLine(context);
        cmd.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** Runs against the coordinator at {@code url}, passed through the environment as a user would. */
    public static Result against(java.net.URI url, String... args) {
        return run(Map.of("GRIDMINT_COORDINATOR", url.toString()), args);
    }
}
