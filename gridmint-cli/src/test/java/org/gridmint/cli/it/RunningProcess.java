package org.gridmint.cli.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process started by {@link Processes}, with its stdout and stderr in files. Failure messages name the
 * process and quote the end of its stderr, so a failed test says what the process said.
 */
final class RunningProcess {
    private static final int TAIL_LINES = 30;

    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    RunningProcess(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Polls stdout until a whole line matches {@code pattern} and returns its match; fails at once if the
     * process exits first. A line still being written (no newline yet) is not looked at.
     */
    Matcher awaitLine(Pattern pattern, Duration timeout) {
        return awaitLine(pattern, timeout, this::stdout, "");
    }

    /** As {@link #awaitLine} on stderr, where the CLI's logs go. */
    Matcher awaitLogLine(Pattern pattern, Duration timeout) {
        return awaitLine(pattern, timeout, this::stderr, " on stderr");
    }

    private Matcher awaitLine(Pattern pattern, Duration timeout, java.util.function.Supplier<String> output, String where) {
        return Eventually.await(name + " to print a line matching /" + pattern + "/" + where, timeout, () -> {
            boolean exited = !process.isAlive(); // read after checking, so a line printed just before exiting is seen
            Optional<Matcher> m = completeLines(output.get()).stream().map(pattern::matcher).filter(Matcher::find).findFirst();
            if (m.isEmpty() && exited) throw new AssertionError(describe() + " exited before printing a line matching /" + pattern + "/" + where);
            return m;
        });
    }

    /** Fails, quoting the process's stderr, unless it is still running. */
    void assertAlive() {
        if (!process.isAlive()) throw new AssertionError(describe() + " is not running any more");
    }

    /** SIGKILL, as a machine dying would: no shutdown hook runs. Returns once the process is gone. */
    void kill() {
        process.destroyForcibly();
        awaitGone();
    }

    /** SIGTERM, as an operator stopping the process would: its shutdown hook runs. */
    void terminate() {
        process.destroy();
    }

    /** Kills the process and every process it started (task sandboxes included); for cleanup. */
    void killTree() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        awaitGone();
    }

    private void awaitGone() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError(name + " (pid " + process.pid() + ") survived SIGKILL for 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + name + " to die", e);
        }
    }

    /** Waits for the process to end by itself and returns its exit status; kills it and fails after {@code timeout}. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree();
                throw new AssertionError(describe() + " did not exit within " + timeout.toSeconds() + " s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + name + " to exit", e);
        }
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    /** The name, pid and state of the process, then the last lines of its stderr. */
    String describe() {
        String state = process.isAlive() ? "running" : "exited " + process.exitValue();
        List<String> lines = stderr().lines().toList();
        List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        return name + " (pid " + process.pid() + ", " + state + ", output in " + stdout.getParent() + "); stderr ends with:\n  "
                + String.join("\n  ", tail);
    }

    private static List<String> completeLines(String text) {
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : text.substring(0, end).lines().toList();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
