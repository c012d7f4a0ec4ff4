package org.gridmint.cli.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.TestInfo;

/**
 * Starts {@code java -jar gridmint.jar ...} processes, each with -Xmx256m (or a heap the caller names) and its stdout and stderr in files
 * under one directory, and kills every one of them (with the tasks they started) on {@link #close()}, so a
 * failed test leaves nothing running. Use one per test, closed in {@code @AfterEach}.
 */
final class Processes implements AutoCloseable {
    /** The system property failsafe sets to the shaded CLI jar. */
    static final String JAR_PROPERTY = "gridmint.jar";

    private final Path dir;
    private final List<RunningProcess> started = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();

    Processes(Path dir) {
        this.dir = dir;
    }

    /** The shaded CLI jar; fails with what to do when the tests are not run by failsafe after {@code package}. */
    static Path jar() {
        String path = System.getProperty(JAR_PROPERTY);
        if (path == null) throw new AssertionError("system property " + JAR_PROPERTY + " is not set: run the *IT classes with `mvnw verify`");
        Path jar = Path.of(path);
        if (!Files.isRegularFile(jar)) throw new AssertionError(JAR_PROPERTY + " names " + jar + ", which does not exist: run `mvnw package` first");
        return jar;
    }

    /**
     * Where a test's process output goes: {@code target/it-logs/CLASS/TEST}, emptied first. It outlives the
     * test's temp dir, so a failure in CI can be read afterwards.
     */
    static Path logDir(TestInfo test) {
        String method = test.getTestMethod().map(Method::getName).orElse("test");
        String display = test.getDisplayName().replaceAll("[^A-Za-z0-9_.-]+", "_");
        String name = display.startsWith(method) ? method : method + "-" + display;
        Path dir = jar().getParent().resolve("it-logs").resolve(test.getTestClass().map(Class::getSimpleName).orElse("IT")).resolve(name);
        try {
            if (Files.exists(dir)) {
                try (var files = Files.walk(dir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }

    /** The java of this JVM, so the processes run on the same JDK as the test. */
    static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Starts {@code gridmint ARGS}; its output goes to {@code NAME-N.out} and {@code NAME-N.err}. */
    RunningProcess start(String name, List<String> args) {
        return start(name, DEFAULT_HEAP, args);
    }

    /** The -Xmx of a process started without a heap of its own. */
    static final String DEFAULT_HEAP = "256m";

    /** As {@link #start(String, List)} with {@code -Xmx<heap>}: tests that start many JVMs on a two-core machine keep each one small. */
    RunningProcess start(String name, String heap, List<String> args) {
        return start(name, heap, args, java.util.Map.of());
    }

    /** As {@link #start(String, String, List)} with {@code env} added to the process's environment (e.g. to allow fault injection). */
    RunningProcess start(String name, String heap, List<String> args, java.util.Map<String, String> env) {
        String base = name + "-" + sequence.incrementAndGet();
        Path out = dir.resolve(base + ".out");
        Path err = dir.resolve(base + ".err");
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + heap, "--enable-native-access=ALL-UNNAMED", "-jar", jar().toString()));
        command.addAll(args);
        var builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(devNull()));
        // Hermetic: nothing from the developer's shell picks the coordinator or the key.
        builder.environment().remove("GRIDMINT_COORDINATOR");
        builder.environment().remove("GRIDMINT_HOME");
        builder.environment().remove("GRIDMINT_ALLOW_FAULT_INJECTION");
        builder.environment().putAll(env);
        try {
            Files.createDirectories(dir);
            RunningProcess p = new RunningProcess(name, builder.start(), out, err);
            started.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Runs {@code gridmint ARGS} to its end (killing it and failing after {@code timeout}). */
    Completed run(String name, Duration timeout, List<String> args) {
        RunningProcess p = start(name, args);
        int exit = p.awaitExit(timeout);
        return new Completed(exit, p.stdout(), p.stderr());
    }

    /** What a command that ran to its end printed, and how it exited. */
    record Completed(int exitCode, String stdout, String stderr) {
        /** The first line of stdout, or the empty string. */
        String firstLine() {
            return stdout.lines().findFirst().orElse("");
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout:\n" + stdout + "--- stderr:\n" + stderr;
        }
    }

    /** Kills every process started here that still runs, newest first. */
    @Override
    public void close() {
        List<RunningProcess> all = new ArrayList<>(started);
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).killTree();
            } catch (RuntimeException | AssertionError e) {
                System.err.println("could not kill " + all.get(i).name() + ": " + e);
            }
        }
    }

    private static File devNull() {
        return new File("/dev/null");
    }
}
