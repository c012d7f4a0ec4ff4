package org.gridmint.cli.serve;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.gridmint.cli.AskCommand;
import org.gridmint.cli.CliContext;
import org.gridmint.cli.CliException;
import org.gridmint.cli.EarningsCommand;
import org.gridmint.cli.DrainCommand;
import org.gridmint.cli.DurationConverter;
import org.gridmint.cli.QuarantineCommand;
import org.gridmint.cli.StakeCommand;
import org.gridmint.embed.DevicePreference;
import org.gridmint.provider.agent.AgentConfig;
import org.gridmint.provider.agent.AgentEvent;
import org.gridmint.provider.agent.FaultInjection;
import org.gridmint.provider.agent.ProviderAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gridmint provider}: runs a provider agent until SIGTERM or a drain, either of which drains it; its subcommands
 * are the owner's ({@code earnings}, {@code ask}, {@code drain}, {@code stake}, {@code unstake}, {@code claim}) and the operator's ({@code quarantine}, {@code unquarantine}).
 */
@Command(name = "provider", mixinStandardHelpOptions = true,
        description = {"Run a provider agent: probe this machine, register with a coordinator, and run the tasks it hands out.",
                "The agent only makes outbound connections, so it works behind NAT. SIGTERM (or Ctrl-C) drains it: it stops",
                "claiming, lets running tasks finish within --shutdown-grace, and hands the rest back to be run elsewhere.",
                "`gridmint provider drain PROVIDER_ID` drains it from anywhere: it checkpoints and hands back its tasks at once",
                "and exits 0.",
                "The key pair in --data-dir is the provider's account: it owns the provider and signs every request."},
        footer = {"", "Environment:",
                "  GRIDMINT_EMBED_THREADS=N  ONNX Runtime threads per loaded model, 1-256",
                "                            (default: one per core); agents sharing a machine",
                "                            each take their share, e.g. 1 each for 2 on 2 cores."},
        subcommands = {EarningsCommand.class, AskCommand.class, DrainCommand.class, StakeCommand.class, StakeCommand.Unstake.class,
                org.gridmint.cli.chain.ClaimCommand.class, QuarantineCommand.class, QuarantineCommand.Release.class})
public final class ProviderCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ProviderCommand.class);

    @Spec CommandSpec spec;

    // Not required = true: picocli would then demand it for the subcommands too.
    @Option(names = "--coordinator", paramLabel = "URL",
            description = "The coordinator's base URL, e.g. http://127.0.0.1:7070 (required to run an agent).")
    URI coordinator;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "gridmint-data/provider",
            description = "The agent's directory: its key pair (its account), provider id, a cache of job files, and task work dirs"
                    + " (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--name", paramLabel = "NAME", description = "How this provider shows in listings (default: the host name).")
    String name;

    @Option(names = "--price", paramLabel = "CREDITS", defaultValue = "0.25",
            description = {"Your ask in credits per hour for every resource class --ask leaves out: per core-hour (cpu) and per GPU-hour",
                    "of each GPU model (gpu:MODEL). A task costs its cores × the cpu ask, or its GPUs × their ask; jobs whose maxPrice",
                    "is lower skip you (default: ${DEFAULT-VALUE})."})
    BigDecimal price;

    @Option(names = "--ask", paramLabel = "CLASS=CREDITS",
            description = {"Your ask for one resource class, over --price; repeat for more: cpu=0.02 (per core-hour),",
                    "gpu:T4=0.30 (per GPU-hour; MODEL is one of this machine's GPU models or a part of exactly one).",
                    "Change them later without restarting: `gridmint provider ask`."})
    java.util.Map<String, BigDecimal> asks;

    @Option(names = "--region", paramLabel = "REGION", defaultValue = AgentConfig.DEFAULT_REGION,
            description = "Where this machine is, for jobs that restrict regions (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--slots", paramLabel = "N", defaultValue = "1", description = "Tasks run at once (default: ${DEFAULT-VALUE}).")
    int slots;

    @Option(names = "--allow-unsandboxed",
            description = "Run tasks without bubblewrap when bwrap is missing. Only for jobs you trust: they run as this user.")
    boolean allowUnsandboxed;

    @Option(names = "--nvidia-smi", paramLabel = "PATH", defaultValue = AgentConfig.DEFAULT_NVIDIA_SMI,
            description = "The nvidia-smi used to find GPUs; missing or failing means no GPUs (default: ${DEFAULT-VALUE}).")
    String nvidiaSmi;

    @Option(names = "--shutdown-grace", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "On SIGTERM, how long running tasks may finish before they are handed back (default: ${DEFAULT-VALUE}).")
    Duration shutdownGrace;

    @Option(names = "--claim-wait", paramLabel = "DURATION", defaultValue = "20s", converter = DurationConverter.class,
            description = "How long one claim waits for work (long poll; the coordinator may answer sooner) (default: ${DEFAULT-VALUE}).")
    Duration claimWait;

    @Option(names = "--models", paramLabel = "LIST",
            description = "The embedding models this provider serves, for batch embed jobs and online requests: catalog names, "
                    + "comma-separated (all-minilm-l6-v2-q: int8, the default model; all-minilm-l6-v2: fp32), or none. Each is loaded "
                    + "once, on first use, and shared by all tasks (default: every catalog model).")
    String models;

    @Option(names = "--device", paramLabel = "auto|cpu|cuda", defaultValue = "auto",
            description = "Where the models run. auto: CUDA when nvidia-smi finds a GPU and the ONNX Runtime build has CUDA "
                    + "(onnxruntime_gpu), else the CPU; cuda: fail at start when that is not so (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--token-price", paramLabel = "CREDITS", defaultValue = "0.02",
            description = "Your price for online embedding requests, in credits per 1M tokens, 0 to 1000 (default: ${DEFAULT-VALUE}).")
    BigDecimal tokenPrice;

    @Option(names = "--online", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Serve online embedding requests of the coordinator's OpenAI-compatible gateway over a channel this agent opens "
                    + "(outbound, so it works behind NAT), when it serves models; --no-online serves batch tasks only (default: on).")
    boolean online;

    @Option(names = "--online-capacity", paramLabel = "N", defaultValue = "2",
            description = "Online requests answered at once, each on its own thread; the coordinator sends no more (default: ${DEFAULT-VALUE}).")
    int onlineCapacity;

    // One string each, not lines: picocli wraps a description's lines separately, which breaks them mid-sentence; and the
    // variable apart from its value, as VAR=value is longer than the help column and would be cut in two.
    @Option(names = "--inject-wrong-results", paramLabel = "RATE",
            description = "TEST ONLY. THIS MAKES THE AGENT CHEAT: it returns WRONG results on purpose for this share (0 to 1) of its tasks, "
                    + "to test that verification catches them. Never use it for real work. The agent registers with '"
                    + FaultInjection.VERSION_SUFFIX + "' in its version and logs a WARN for every wrong result. Refused unless the "
                    + "environment variable " + FaultInjection.ENV_VAR + " is " + FaultInjection.ENV_VALUE + ".")
    Double injectWrongResults;

    @Option(names = "--fault-seed", paramLabel = "N",
            description = "TEST ONLY, with --inject-wrong-results: picks which tasks get wrong results and which wrong bytes, so agents "
                    + "with one seed cheat alike, as colluders would (default: 0).")
    Long faultSeed;

    @Override
    public Integer call() throws Exception {
        if (coordinator == null) throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--coordinator=URL'");
        FaultInjection faults = faultInjection();
        AgentConfig config;
        try {
            var b = AgentConfig.builder(coordinator, dataDir.toAbsolutePath()).price(price).asks(asks).region(region).slots(slots)
                    .allowUnsandboxed(allowUnsandboxed).nvidiaSmi(nvidiaSmi).shutdownGrace(shutdownGrace).claimWait(claimWait).faultInjection(faults)
                    .device(devicePreference()).tokenPrice(tokenPrice)
                    .online(online).onlineCapacity(onlineCapacity);
            if (models != null) b.models(modelList(models));
            if (name != null) b.name(name);
            config = b.build();
        } catch (IllegalArgumentException e) {
            // A flag's value is wrong: a usage error, as picocli's own are.
            throw new CliException("error: " + e.getMessage(), CommandLine.ExitCode.USAGE);
        }
        var stopped = new CountDownLatch(1);
        ProviderAgent agent;
        try {
            agent = new ProviderAgent(config);
        } catch (java.io.UncheckedIOException e) {
            throw new CliException("error: " + e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
        }
        agent.addListener(ProviderCommand::logEvent);
        agent.addListener(e -> {
            if (e instanceof AgentEvent.Stopped) stopped.countDown();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("draining: no new work; running tasks have {} to finish", shutdownGrace);
            agent.shutdown(shutdownGrace);
        }, "gridmint-drain"));
        try {
            agent.start();
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new CliException("error: " + e.getMessage());
        }
        var out = spec.commandLine().getOut();
        out.println(agent.models().describe());
        out.flush();
        if (agent.models().device().wastedGpu()) {
            spec.commandLine().getErr().println("warning: GPU UNUSED: " + agent.models().device().reason());
            spec.commandLine().getErr().flush();
        }
        stopped.await();
        return 0;
    }

    private DevicePreference devicePreference() {
        try {
            return DevicePreference.valueOf(device.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CliException("error: --device must be one of auto, cpu, cuda, got '" + device + "'", CommandLine.ExitCode.USAGE);
        }
    }

    /** {@code none} for no models, else the comma-separated names; the agent's config checks them against the catalog. */
    static List<String> modelList(String flag) {
        if (flag.strip().equalsIgnoreCase("none")) return List.of();
        List<String> names = new ArrayList<>();
        for (String part : flag.split(",", -1)) {
            String n = part.strip();
            if (n.isEmpty()) throw new CliException("error: --models has an empty name in '" + flag + "'; list catalog names, or none",
                    CommandLine.ExitCode.USAGE);
            names.add(n);
        }
        return names;
    }

    /** Null for an honest agent; a fault injection only with the environment's consent, else a usage error (exit 2). */
    private FaultInjection faultInjection() {
        if (injectWrongResults == null) {
            if (faultSeed != null) throw new CliException("error: --fault-seed needs --inject-wrong-results", CommandLine.ExitCode.USAGE);
            return null;
        }
        try {
            return FaultInjection.enable(injectWrongResults, faultSeed == null ? 0 : faultSeed, CliContext.of(spec).env());
        } catch (FaultInjection.NotAllowedException | IllegalArgumentException e) {
            throw new CliException("error: " + e.getMessage(), CommandLine.ExitCode.USAGE);
        }
    }

    static void logEvent(AgentEvent e) {
        switch (e) {
            case AgentEvent.Registered r -> System.out.println("provider " + r.providerId() + (r.renewed() ? " re-registered" : " registered"));
            case AgentEvent.TaskStarted s -> log.info("running task {} of {} (attempt {})", s.assignment().taskIndex(), s.assignment().jobId(),
                    s.assignment().attemptId());
            case AgentEvent.TaskCompleted c -> log.info("task {} of {} completed{}", c.assignment().taskIndex(), c.assignment().jobId(),
                    c.accepted() ? "" : " but the coordinator refused the report");
            case AgentEvent.TaskFailed f -> log.info("task {} of {} failed: {}", f.assignment().taskIndex(), f.assignment().jobId(), f.outcome());
            case AgentEvent.CheckpointSaved c -> log.info("task {} of {} saved a checkpoint at {} ms ({} bytes)", c.assignment().taskIndex(),
                    c.assignment().jobId(), c.runtimeMillis(), c.checkpoint().size());
            case AgentEvent.TaskAbandoned a -> log.info("task {} of {} stopped: {}", a.assignment().taskIndex(), a.assignment().jobId(), a.reason());
            case AgentEvent.CoordinatorUnreachable u -> log.warn("coordinator unreachable: {}; retrying", u.detail());
            case AgentEvent.CoordinatorReachable r -> log.info("coordinator reachable again");
            case AgentEvent.DrainRequested d -> log.info("draining at the owner's request: checkpointing and handing back the running tasks");
            case AgentEvent.Stopped s -> log.info(s.crashed() ? "agent crashed" : "agent stopped");
        }
        System.out.flush();
    }
}
