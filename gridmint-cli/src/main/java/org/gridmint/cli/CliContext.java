package org.gridmint.cli;

import java.io.Console;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the CLI takes from its surroundings, handed in so that tests can replace it: environment variables,
 * the OS user name, and whether stdout is an interactive terminal (which decides between a live progress
 * bar and plain lines).
 *
 * @param terminal where a live progress bar draws; only used when {@code interactive}
 */
public record CliContext(Map<String, String> env, String userName, boolean interactive, PrintStream terminal) {
    public CliContext {
        env = Map.copyOf(env);
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(terminal, "terminal");
    }

    /** The real process's surroundings. */
    public static CliContext system() {
        return new CliContext(System.getenv(), System.getProperty("user.name", "anonymous"), stdoutIsTerminal(), System.out);
    }

    /** The context of the running command line, from any of its (sub)commands. */
    public static CliContext of(CommandSpec spec) {
        if (spec.root().userObject() instanceof Main main) return main.context();
        return system();
    }

    public String env(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static boolean stdoutIsTerminal() {
        Console c = System.console();
        if (c == null) return false;
        // Since JDK 22 System.console() is non-null even when redirected; isTerminal() tells (absent on 21).
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
