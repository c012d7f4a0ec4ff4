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

    /** Where client commands keep their key when a test names no GRIDMINT_HOME: never the developer's ~/.gridmint. */
    private static final java.nio.file.Path HOME = tempHome();

    public static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        if (!env.containsKey("GRIDMINT_HOME")) {
            env = new java.util.HashMap<>(env);
            env.put("GRIDMINT_HOME", HOME.toString());
        }
        var context = new CliContext(env, "tester", false, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        CommandLine cmd = Main.commandLine(context);
        cmd.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static java.nio.file.Path tempHome() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("gridmint-cli-test-home-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs against the coordinator at {@code url}, passed through the environment as a user would. */
    public static Result against(java.net.URI url, String... args) {
        return run(Map.of("GRIDMINT_COORDINATOR", url.toString()), args);
    }
}
