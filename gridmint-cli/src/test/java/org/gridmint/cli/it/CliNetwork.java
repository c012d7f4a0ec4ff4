package org.gridmint.cli.it;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridmint.api.auth.Identity;
import org.gridmint.client.GridmintClient;

/**
 * A Gridmint network of separate processes, each started from the CLI jar as an operator would: coordinators
 * and provider agents on loopback, and client commands run to their end. Closing it kills them all.
 */
final class CliNetwork implements AutoCloseable {
    /** JVM start and registration on a loaded two-core machine: generous, it only bounds a failure. */
    static final Duration STARTUP = Duration.ofSeconds(90);
    static final Duration COMMAND = Duration.ofSeconds(60);

    private static final Pattern LISTENING = Pattern.compile("^coordinator listening on (http://127\\.0\\.0\\.1:(\\d+))$");
    private static final Pattern REGISTERED = Pattern.compile("^provider (\\S+) registered$");

    /** What the test's client gets from the faucet: more than any test job holds. */
    static final java.math.BigDecimal CLIENT_FUNDS = new java.math.BigDecimal("1000");

    private final Path dir;
    private final Processes processes;
    private final List<Path> coordinatorDirs = new ArrayList<>();

    /**
     * @param dir where the providers' data dirs go and commands run
     * @param logDir where every process's stdout and stderr go (see {@link Processes#logDir})
     */
    CliNetwork(Path dir, Path logDir) {
        this.dir = dir;
        this.processes = new Processes(logDir);
    }

    /** A coordinator process that printed its listening line. */
    record CoordinatorProcess(RunningProcess process, URI url, int port) {}

    /** A provider agent process that registered, with the provider id it printed. */
    record ProviderProcess(RunningProcess process, String id) {}

    /**
     * Starts {@code gridmint coordinator} on {@code dataDir} and waits until it listens.
     *
     * @param port 0 for a free port, or the port of an earlier coordinator to take its place
     */
    CoordinatorProcess startCoordinator(Path dataDir, int port, String heartbeat, String... extra) {
        List<String> args = new ArrayList<>(List.of("--dev-faucet"));
        args.addAll(List.of(extra));
        CoordinatorProcess c = startCoordinatorWithoutFaucet(dataDir, port, heartbeat, args.toArray(String[]::new));
        // The client's credits, from the dev faucet; the fixed reference deposits once however often a test restarts.
        try (GridmintClient client = new GridmintClient(c.url(), clientIdentity())) {
            client.faucet(CLIENT_FUNDS, "it-client-funds");
        }
        return c;
    }

    /**
     * As {@link #startCoordinator} without the dev faucet: the client has no credits until it deposits some (on-chain, say),
     * so every credit in the ledger is backed by what the settlement contract holds.
     */
    CoordinatorProcess startCoordinatorWithoutFaucet(Path dataDir, int port, String heartbeat, String... extra) {
        List<String> args = new ArrayList<>(List.of("coordinator", "--port", String.valueOf(port),
                "--data-dir", dataDir.toString(), "--heartbeat", heartbeat));
        args.addAll(List.of(extra));
        RunningProcess p = processes.start("coordinator", args);
        Matcher m = p.awaitLine(LISTENING, STARTUP);
        if (!coordinatorDirs.contains(dataDir)) coordinatorDirs.add(dataDir);
        return new CoordinatorProcess(p, URI.create(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The data dirs of every coordinator this network started, for the ledger audit after the test. */
    List<Path> coordinatorDirs() {
        return List.copyOf(coordinatorDirs);
    }

    /** Runs {@code gridmint ledger verify} on a coordinator's data dir (the coordinator may be running or dead). */
    Processes.Completed verifyLedger(Path dataDir, String... extra) {
        List<String> args = new ArrayList<>(List.of("ledger", "verify", "--data-dir", dataDir.toString()));
        args.addAll(List.of(extra));
        return processes.run("ledger-verify", COMMAND, args);
    }

    /** Starts {@code count} provider agents at once (their JVMs start in parallel) and waits until each registered. */
    List<ProviderProcess> startProviders(URI coordinator, int count, int slots) {
        List<RunningProcess> started = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String name = "provider-" + i;
            started.add(processes.start(name, List.of("provider", "--coordinator", coordinator.toString(),
                    "--data-dir", dir.resolve(name).toString(), "--name", name, "--price", "0.2", "--slots", String.valueOf(slots),
                    "--allow-unsandboxed", "--claim-wait", "1s")));
        }
        return started.stream().map(p -> new ProviderProcess(p, p.awaitLine(REGISTERED, STARTUP).group(1))).toList();
    }

    /** Starts one provider agent with extra flags (e.g. a short --shutdown-grace) and waits until it registered. */
    ProviderProcess startProvider(URI coordinator, String name, int slots, String... extra) {
        List<String> args = new ArrayList<>(List.of("provider", "--coordinator", coordinator.toString(),
                "--data-dir", dir.resolve(name).toString(), "--name", name, "--price", "0.2", "--slots", String.valueOf(slots),
                "--allow-unsandboxed", "--claim-wait", "1s"));
        args.addAll(List.of(extra));
        RunningProcess p = processes.start(name, args);
        return new ProviderProcess(p, p.awaitLine(REGISTERED, STARTUP).group(1));
    }

    /**
     * Starts one provider agent with {@code -Xmx<heap>} and returns at once, before it registered: start several,
     * then {@link #awaitRegistered} each, so their JVMs start in parallel.
     */
    RunningProcess launchProvider(URI coordinator, String name, int slots, String heap) {
        return processes.start(name, heap, List.of("provider", "--coordinator", coordinator.toString(),
                "--data-dir", dir.resolve(name).toString(), "--name", name, "--price", "0.2", "--slots", String.valueOf(slots),
                "--allow-unsandboxed", "--claim-wait", "1s"));
    }

    /**
     * As {@link #launchProvider}, with extra flags and environment: a cheating agent needs both
     * ({@code --inject-wrong-results} and the variable that allows it).
     */
    RunningProcess launchProvider(URI coordinator, String name, int slots, String heap, java.util.Map<String, String> env, String... extra) {
        List<String> args = new ArrayList<>(List.of("provider", "--coordinator", coordinator.toString(),
                "--data-dir", dir.resolve(name).toString(), "--name", name, "--price", "0.2", "--slots", String.valueOf(slots),
                "--allow-unsandboxed", "--claim-wait", "1s"));
        args.addAll(List.of(extra));
        return processes.start(name, heap, args, env);
    }

    /** The data dir of the provider agent {@code name}: its key (its account) and provider id. */
    Path providerDir(String name) {
        return dir.resolve(name);
    }

    /**
     * Gives the agent {@code name}, not started yet, the key of the agent {@code owner}: both then belong to one account, as
     * two machines of one operator (or two colluders sharing a wallet) would.
     */
    void shareAccount(String owner, String name) {
        Identity.loadOrCreate(providerDir(owner));
        copyKey(providerDir(owner), name);
    }

    private void copyKey(Path from, String name) {
        try {
            java.nio.file.Files.createDirectories(providerDir(name));
            java.nio.file.Files.copy(from.resolve(Identity.FILE), providerDir(name).resolve(Identity.FILE),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot copy the key in " + from + " to " + name, e);
        }
    }

    /**
     * Runs one command per provider as its owner ({@link #asProviderOwner}), all at once, and returns how each ended, in
     * the order of {@code names}.
     */
    List<Processes.Completed> asProviderOwners(URI coordinator, List<String> names, String... args) {
        List<RunningProcess> started = new ArrayList<>();
        for (String name : names) {
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of("--coordinator", coordinator.toString(), "--data-dir", dir.resolve(name).toString()));
            started.add(processes.start(name + "-" + String.join("-", List.of(args).subList(0, Math.min(2, args.length))), all));
        }
        return started.stream().map(p -> new Processes.Completed(p.awaitExit(COMMAND), p.stdout(), p.stderr())).toList();
    }

    /** Waits until a provider agent started by {@link #launchProvider} registered. */
    ProviderProcess awaitRegistered(RunningProcess provider) {
        return new ProviderProcess(provider, provider.awaitLine(REGISTERED, STARTUP).group(1));
    }

    /**
     * Runs a command ({@code provider drain ...}) against {@code coordinator} as the owner of provider {@code name}: signed with
     * the key in that agent's data dir.
     */
    Processes.Completed asProviderOwner(URI coordinator, String name, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--coordinator", coordinator.toString(), "--data-dir", dir.resolve(name).toString()));
        return processes.run(name + "-" + String.join("-", List.of(args).subList(0, Math.min(2, args.length))), COMMAND, all);
    }

    /** Runs a command that talks to no coordinator ({@code chain keygen ...}) to its end, in this network's directory. */
    Processes.Completed command(String... args) {
        return processes.run(args.length > 1 ? args[0] + "-" + args[1] : args[0], COMMAND, List.of(args));
    }

    /** Where the test's client keeps its key pair: the CLI's commands and the SDK client sign as one account. */
    Path clientDir() {
        return dir.resolve("client");
    }

    /** The client's identity, as the CLI's commands find it in {@link #clientDir()}. */
    Identity clientIdentity() {
        return Identity.loadOrCreate(clientDir());
    }

    /** Runs a client command ({@code job submit ...}) against {@code coordinator} as the client, to its end. */
    Processes.Completed client(URI coordinator, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--coordinator", coordinator.toString(), "--data-dir", clientDir().toString()));
        return processes.run(args.length > 1 ? args[0] + "-" + args[1] : args[0], COMMAND, all);
    }

    @Override
    public void close() {
        processes.close();
    }
}
