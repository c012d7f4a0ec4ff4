package org.gridmint.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Real {@code gridmint provider} agent processes: {@code java -cp <this JVM's class path> org.gridmint.cli.Main provider ...},
 * the command an operator runs, each with its own data dir (its own key, so its own account) and its stdout and stderr in
 * files there. Closing it kills every agent and the tasks they started.
 */
final class ProviderAgents implements AutoCloseable {
    /** The CLI's main class: the bench module depends on gridmint-cli, so it is on this JVM's class path. */
    static final String CLI_MAIN = "org.gridmint.cli.Main";
    /** What the agent must find in its environment before it agrees to cheat (FaultInjection.ENV_VAR / ENV_VALUE). */
    static final String FAULT_ENV = "GRIDMINT_ALLOW_FAULT_INJECTION";
    static final String FAULT_CONSENT = "yes-this-agent-cheats";
    private static final Pattern REGISTERED = Pattern.compile("^provider (\\S+) registered$", Pattern.MULTILINE);

    /** One agent process; {@code id} is set once it printed its registration. */
    static final class Agent {
        final String name;
        final boolean cheater;
        final Path dataDir;
        final Process process;
        final Path stdout;
        final Path stderr;
        String id;

        Agent(String name, boolean cheater, Path dataDir, Process process, Path stdout, Path stderr) {
            this.name = name;
            this.cheater = cheater;
            this.dataDir = dataDir;
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
        }
    }

    /**
     * The agents' logging: warnings (the fault injection's among them) and the task runner's line per attempt, which states
     * the runtime of the task's command as the agent measured it.
     */
    private static final String LOGBACK = """
            <configuration>
              <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender">
                <target>System.err</target>
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
              </appender>
              <logger name="org.gridmint.provider.agent.TaskRunner" level="INFO"/>
              <root level="WARN"><appender-ref ref="ERR"/></root>
            </configuration>
            """;

    private final String heap;
    private final Path logConfig;
    private final List<Agent> agents = new ArrayList<>();

    /** @param dir where the agents' logging configuration is written */
    ProviderAgents(String heap, Path dir) throws IOException {
        this.heap = heap;
        this.logConfig = Files.writeString(Files.createDirectories(dir).resolve("agent-logback.xml"), LOGBACK, StandardCharsets.UTF_8);
    }

    /**
     * Starts one agent and returns at once (JVMs of several agents then start in parallel); {@link #awaitRegistered} waits for it.
     *
     * @param faultSeed null for an honest agent; else it returns wrong results for every task, from this seed
     */
    Agent launch(URI coordinator, String name, Path dataDir, int slots, Long faultSeed) {
        return launch(coordinator, name, dataDir, slots, faultSeed, List.of(), java.util.Map.of());
    }

    /** As {@link #launch(URI, String, Path, int, Long)}, with {@code extra} provider flags (e.g. {@code --models}). */
    Agent launch(URI coordinator, String name, Path dataDir, int slots, Long faultSeed, List<String> extra) {
        return launch(coordinator, name, dataDir, slots, faultSeed, extra, java.util.Map.of());
    }

    /** As {@link #launch(URI, String, Path, int, Long)}, with more {@code gridmint provider} flags and environment variables. */
    Agent launch(URI coordinator, String name, Path dataDir, int slots, Long faultSeed, List<String> moreFlags, java.util.Map<String, String> env) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + logConfig, "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                "--enable-native-access=ALL-UNNAMED", "-cp", absoluteClassPath(), CLI_MAIN, "provider",
                "--coordinator", coordinator.toString(), "--data-dir", dataDir.toString(), "--name", name, "--price", "0.2",
                "--slots", String.valueOf(slots), "--allow-unsandboxed", "--claim-wait", "1s", "--shutdown-grace", "1s"));
        command.addAll(moreFlags);
        if (faultSeed != null) command.addAll(List.of("--inject-wrong-results", "1.0", "--fault-seed", String.valueOf(faultSeed)));
        try {
            Files.createDirectories(dataDir);
            Path out = dataDir.resolve("agent.out");
            Path err = dataDir.resolve("agent.err");
            ProcessBuilder b = new ProcessBuilder(command).directory(dataDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            // Hermetic: nothing from the caller's shell picks another coordinator or key, and only cheaters may cheat.
            b.environment().remove("GRIDMINT_COORDINATOR");
            b.environment().remove("GRIDMINT_HOME");
            b.environment().remove(FAULT_ENV);
            b.environment().remove("GRIDMINT_EMBED_THREADS");
            if (faultSeed != null) b.environment().put(FAULT_ENV, FAULT_CONSENT);
            b.environment().putAll(env);
            Agent a = new Agent(name, faultSeed != null, dataDir, b.start(), out, err);
            agents.add(a);
            return a;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start agent " + name + ": " + command, e);
        }
    }

    /** Waits until the agent printed {@code provider ID registered}, and returns the id; fails at once if it exited. */
    String awaitRegistered(Agent a, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean exited = !a.process.isAlive(); // checked before reading, so a line printed just before exiting is seen
            Matcher m = REGISTERED.matcher(read(a.stdout));
            if (m.find()) {
                a.id = m.group(1);
                return a.id;
            }
            if (exited) throw new IllegalStateException("agent " + a.name + " exited (status " + a.process.exitValue() + ") before registering: " + tail(a.stderr));
            if (System.nanoTime() > deadline)
                throw new IllegalStateException("agent " + a.name + " did not register within " + timeout.toSeconds() + " s: " + tail(a.stderr));
            Thread.sleep(200);
        }
    }

    List<Agent> all() {
        return List.copyOf(agents);
    }

    /** Agents that are no longer running, with the end of their stderr: an agent that died makes the figures suspect. */
    List<String> dead() {
        return agents.stream().filter(a -> !a.process.isAlive()).map(a -> a.name + " exited " + a.process.exitValue() + ": " + tail(a.stderr)).toList();
    }

    /** How many results of {@code jobId} the agent says it corrupted on purpose (its loud per-result WARN): its own count of wrong results. */
    static long corruptedResults(Agent a, String jobId) {
        String mark = "returning WRONG results on purpose for job " + jobId + " ";
        return read(a.stderr).lines().filter(l -> l.contains(mark)).count();
    }

    /** The summed runtime of the commands of {@code jobId}'s attempts that the agent completed, as it measured them (its log says). */
    static long commandMillis(Agent a, String jobId) {
        Pattern completed = Pattern.compile("\\(job " + Pattern.quote(jobId) + " task \\d+\\) completed in (\\d+) ms");
        long sum = 0;
        for (String line : read(a.stderr).lines().toList()) {
            Matcher m = completed.matcher(line);
            if (m.find()) sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    @Override
    public void close() {
        for (Agent a : agents.reversed()) {
            List<ProcessHandle> children = a.process.descendants().toList();
            a.process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
        for (Agent a : agents) {
            try {
                a.process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** This JVM's java, so the agents run on the same JDK. */
    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The class path with every entry absolute: agents run in their own data dirs, where a relative jar path would not resolve. */
    static String absoluteClassPath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).filter(s -> !s.isBlank())
                .map(s -> Path.of(s).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    }

    private static String tail(Path file) {
        List<String> lines = read(file).lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
