package org.gridmint.provider.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.gridmint.api.Assignment;
import org.gridmint.api.ClaimRequest;
import org.gridmint.api.ClaimResponse;
import org.gridmint.api.FailRequest;
import org.gridmint.api.ProviderView;
import org.gridmint.api.RegisterProviderRequest;
import org.gridmint.api.http.ApiException;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.http.ApiTransport;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.core.market.Health;
import org.gridmint.provider.hardware.GpuProbe;
import org.gridmint.provider.hardware.HardwareProbe;
import org.gridmint.provider.hardware.NvidiaSmiProbe;
import org.gridmint.embed.ModelRegistry;
import org.gridmint.provider.models.AgentModels;
import org.gridmint.provider.models.DeviceChoice;
import org.gridmint.provider.runtime.EmbedRuntime;
import org.gridmint.provider.runtime.ExecRuntime;
import org.gridmint.provider.runtime.OutputTamper;
import org.gridmint.provider.runtime.Runtimes;
import org.gridmint.provider.runtime.StopReason;
import org.gridmint.provider.runtime.TaskRuntime;
import org.gridmint.provider.sandbox.Sandbox;
import org.gridmint.provider.sandbox.Sandboxes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider agent: registers with a coordinator, claims work while it has free slots, runs each assignment
 * under the sandbox and reports how it ended. Concurrency: one virtual thread claims; each assignment gets a
 * {@link TaskRunner} (two virtual threads); lifecycle methods are safe from any thread. Failure modes: a
 * coordinator that is away or restarting is retried with capped backoff, and a 404 for the provider makes
 * the agent register again under the id it keeps in its data dir. {@link #shutdown} hands unfinished work
 * back; so does a drain that the provider's owner asked the coordinator for ({@code gridmint provider drain}), which
 * the agent learns from a refused claim or a heartbeat's answer; {@link #crash} drops everything silently, as a dead
 * machine would.
 */
public final class ProviderAgent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProviderAgent.class);
    /** Time to report handed-back tasks after they are killed, before the agent stops waiting for the coordinator. */
    private static final Duration REPORT_ALLOWANCE = Duration.ofSeconds(15);

    private enum State { NEW, RUNNING, DRAINING, STOPPED, CRASHED }

    private final AgentConfig config;
    private final GpuProbe gpuProbe;
    private final CoordinatorClient client;
    private final ProviderIdFile idFile;
    private final List<AgentListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, TaskRunner> tasks = new ConcurrentHashMap<>();
    private final Semaphore slotFreed = new Semaphore(0);
    private final CompletableFuture<String> registration = new CompletableFuture<>();
    private final AtomicBoolean coordinatorDown = new AtomicBoolean();
    private final AtomicBoolean drainRequested = new AtomicBoolean();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder handedBack = new LongAdder();
    private final LongAdder abandoned = new LongAdder();
    private volatile State state = State.NEW;
    private volatile String providerId;
    private volatile Sandbox sandbox;
    private volatile HardwareProbe.Hardware hardware;
    /** A registry the caller owns, or null for one of the agent's own made at start from the config. */
    private final ModelRegistry givenModels;
    private volatile AgentModels models;
    private TaskRuntime runtime;
    private Thread claimThread;

    /** An agent that picks its sandbox at {@link #start()} and probes GPUs with {@code config.nvidiaSmi()}. */
    public ProviderAgent(AgentConfig config) {
        this(config, null, new NvidiaSmiProbe(config.nvidiaSmi(), Duration.ofSeconds(15)));
    }

    /** @param sandbox the sandbox to use, or null to detect it at start (tests and the simulator pass one) */
    public ProviderAgent(AgentConfig config, Sandbox sandbox, GpuProbe gpuProbe) {
        this(config, sandbox, gpuProbe, null);
    }

    /**
     * @param models the registry to serve models from instead of one made from {@code config.models()} and {@code config.device()};
     *     the caller closes it (tests share one, as loading a model takes a second and 100+ MB); null for the agent's own
     */
    public ProviderAgent(AgentConfig config, Sandbox sandbox, GpuProbe gpuProbe, ModelRegistry models) {
        this.givenModels = models;
        this.config = Objects.requireNonNull(config, "config");
        this.sandbox = sandbox;
        this.gpuProbe = Objects.requireNonNull(gpuProbe, "gpuProbe");
        // The key in the data dir makes the agent's account: it owns the provider it registers, and signs every call.
        this.client = new CoordinatorClient(new ApiTransport(config.coordinator(), Identity.loadOrCreate(config.dataDir())));
        this.idFile = new ProviderIdFile(config.dataDir());
    }

    public void addListener(AgentListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Picks the sandbox, probes the hardware and starts the work loop, which registers (retrying until the
     * coordinator answers) and then claims. Returns without waiting for the coordinator.
     *
     * @throws org.gridmint.provider.sandbox.SandboxUnavailableException without bubblewrap, unless {@code allowUnsandboxed}
     * @throws IllegalArgumentException when {@code --device cuda} cannot be had (no GPU, or a CPU-only ONNX Runtime build)
     */
    public synchronized void start() {
        if (state != State.NEW) throw new IllegalStateException("the agent was already started (state " + state + ")");
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create --data-dir " + config.dataDir(), e);
        }
        if (sandbox == null) sandbox = Sandboxes.detect(config.allowUnsandboxed());
        hardware = new HardwareProbe(gpuProbe).probe();
        models = givenModels != null ? AgentModels.shared(givenModels, config.tokenPrice())
                : AgentModels.open(config.models(), config.device(), hardware.gpus().size(), config.tokenPrice(), DeviceChoice::onnxRuntimeHasCuda);
        var blobs = new CoordinatorBlobStore(client, config.maxBackoff());
        OutputTamper tamper = config.faultInjection() == null ? OutputTamper.NONE : config.faultInjection();
        var exec = new ExecRuntime(config.dataDir(), sandbox, blobs,
                new ExecRuntime.Options(ExecRuntime.Options.DEFAULTS.logCapBytes(), config.killGrace(), ExecRuntime.Options.DEFAULTS.pidsLimit()),
                tamper);
        exec.cleanStaleWork();
        runtime = new Runtimes(Map.of("exec", exec, "embed", new EmbedRuntime(config.dataDir(), blobs, models.registry(), tamper)));
        log.info("provider agent {} starting: {} CPUs, {} MiB, {} GPU(s), {} slot(s), sandbox: {}", config.name(), hardware.cpus(),
                hardware.memoryMb(), hardware.gpus().size(), config.slots(), sandbox.describe());
        if (models.device().wastedGpu()) log.warn("GPU UNUSED: {}", models.device().reason());
        log.info("models: {}", models.describe());
        if (config.faultInjection() != null) {
            log.warn("FAULT INJECTION IS ON: this agent CHEATS. It returns WRONG results for {}% of its tasks on purpose (seed {}),"
                    + " registers as {}, and is only for testing verification; never run it for real work",
                    config.faultInjection().rate() * 100, config.faultInjection().seed(), "gridmint-provider/" + version());
        }
        state = State.RUNNING;
        claimThread = Thread.ofVirtual().name("gridmint-claim").start(this::workLoop);
    }

    /** Completes with the provider id once the coordinator has accepted the agent. */
    public CompletableFuture<String> registration() {
        return registration;
    }

    public Optional<String> providerId() {
        return Optional.ofNullable(providerId);
    }

    /** What {@link #start()} found; null before. */
    public HardwareProbe.Hardware hardware() {
        return hardware;
    }

    /** The sandbox in use; null before {@link #start()} when it is to be detected. */
    public Sandbox sandbox() {
        return sandbox;
    }

    public AgentConfig config() {
        return config;
    }

    /**
     * The models this agent serves, with the one registry that loads each of them once for all its tasks and online
     * requests; null before {@link #start()}.
     */
    public AgentModels models() {
        return models;
    }

    public AgentStats stats() {
        return new AgentStats(completed.sum(), failed.sum(), handedBack.sum(), abandoned.sum(), tasks.size());
    }

    /**
     * Stops claiming, lets running tasks finish for up to {@code grace}, then kills the rest and reports them
     * PROVIDER_DRAINED so they are retried elsewhere without counting against the job. Blocks until done.
     */
    public void shutdown(Duration grace) {
        synchronized (this) {
            if (state == State.NEW) {
                state = State.STOPPED;
                client.close();
            }
            if (state != State.RUNNING) return;
            state = State.DRAINING;
        }
        log.info("shutting down: {} task(s) running get {} s to finish", tasks.size(), grace.toSeconds());
        stopClaiming();
        awaitTasks(grace);
        if (!tasks.isEmpty()) {
            log.info("handing back {} unfinished task(s)", tasks.size());
            tasks.values().forEach(t -> t.control().stop(StopReason.DRAINED));
            awaitTasks(config.killGrace().plus(REPORT_ALLOWANCE));
        }
        if (!tasks.isEmpty()) {
            log.warn("giving up on reporting {} task(s); the coordinator will notice their leases expire", tasks.size());
            client.disconnect();
            tasks.values().forEach(TaskRunner::interrupt);
            awaitTasks(Duration.ofSeconds(5));
        }
        state = State.STOPPED;
        client.close();
        closeModels();
        registration.completeExceptionally(new IllegalStateException("the agent stopped before the coordinator accepted it"));
        emit(new AgentEvent.Stopped(false));
    }

    /**
     * Simulates a dead machine: kills every task process and stops every loop at once, telling the coordinator
     * nothing, so it can only learn of the loss when the leases expire. Work dirs are left behind.
     */
    public void crash() {
        synchronized (this) {
            if (state == State.NEW) {
                state = State.STOPPED;
                client.close();
            }
            if (state == State.STOPPED || state == State.CRASHED) return;
            state = State.CRASHED;
        }
        log.warn("simulated crash: dropping {} task(s) without a word to the coordinator", tasks.size());
        client.disconnect();
        tasks.values().forEach(t -> t.control().stop(StopReason.CRASHED));
        tasks.values().forEach(TaskRunner::interrupt);
        if (claimThread != null) claimThread.interrupt();
        awaitTasks(config.killGrace().plus(Duration.ofSeconds(10)));
        client.close();
        closeModels();
        registration.completeExceptionally(new IllegalStateException("the agent crashed before the coordinator accepted it"));
        emit(new AgentEvent.Stopped(true));
    }

    /** Same as {@code shutdown(config.shutdownGrace())}. */
    @Override
    public void close() {
        shutdown(config.shutdownGrace());
    }

    private void closeModels() {
        AgentModels m = models;
        if (m != null) m.close();
    }

    private void workLoop() {
        Backoff backoff = new Backoff(Duration.ofMillis(250), config.maxBackoff());
        boolean mustRegister = true;
        while (state == State.RUNNING) {
            try {
                if (mustRegister) {
                    register();
                    mustRegister = false;
                } else {
                    claimOnce();
                }
                backoff.reset();
            } catch (AgentStoppedException e) {
                return;
            } catch (ApiException e) {
                if (state != State.RUNNING) return;
                if (e.status() == 409 && Health.DRAINING.name().equals(e.problem().state())) {
                    drainRequested();
                    return;
                }
                if (e.status() == 404 && !mustRegister) {
                    log.warn("the coordinator does not know provider {} ({}); registering again", providerId, e.getMessage());
                    mustRegister = true;
                } else if (e.retryable()) {
                    coordinatorUnreachable(e);
                } else {
                    log.error("the coordinator refused the agent's {}: {}", mustRegister ? "registration" : "claim", e.getMessage());
                }
                backoff.pause();
            } catch (RuntimeException e) {
                if (state != State.RUNNING) return;
                if (CoordinatorClient.retryable(e)) coordinatorUnreachable(e);
                else log.error("unexpected failure in the claim loop", e);
                backoff.pause();
            }
        }
    }

    private void register() {
        Optional<String> stored = idFile.read();
        ProviderView view;
        try {
            view = client.register(registerRequest(stored.orElse(null)));
        } catch (ApiException e) {
            // 403: the stored id belongs to another key (this data dir's key was replaced) or predates owners.
            if (stored.isEmpty() || (e.status() != 403 && e.status() != 404 && e.status() != 409)) throw e;
            log.warn("the coordinator refused our stored provider id {} ({}); registering as a new provider", stored.get(), e.getMessage());
            view = client.register(registerRequest(null));
        }
        coordinatorAnswered();
        providerId = view.id();
        idFile.write(view.id());
        boolean renewed = stored.isPresent() && stored.get().equals(view.id());
        log.info("registered with {} as provider {}{}", config.coordinator(), view.id(), renewed ? " (kept from before)" : "");
        emit(new AgentEvent.Registered(view.id(), renewed));
        registration.complete(view.id());
    }

    private RegisterProviderRequest registerRequest(String id) {
        return new RegisterProviderRequest(id, config.name(), hardware.cpus(), hardware.memoryMb(), hardware.gpus(), config.region(),
                config.price(), config.slots(), sandbox.isolating(), "gridmint-provider/" + version(), config.asks().isEmpty() ? null : config.asks(),
                models.offers().isEmpty() ? null : models.offers());
    }

    private void claimOnce() {
        int free = config.slots() - tasks.size();
        if (free <= 0) {
            awaitFreeSlot();
            return;
        }
        ClaimResponse r = client.claim(providerId, new ClaimRequest(free, config.claimWait().toMillis()));
        coordinatorAnswered();
        for (Assignment a : r.assignments() == null ? List.<Assignment>of() : r.assignments()) {
            if (state == State.RUNNING) launch(a);
            else handBackUnstarted(a);
        }
    }

    private void launch(Assignment a) {
        TaskRunner runner = new TaskRunner(this, a, runtime);
        if (tasks.putIfAbsent(a.attemptId(), runner) != null) {
            log.warn("attempt {} was handed to us twice; it is already running", a.attemptId());
            return;
        }
        log.info("attempt {}: job {} task {}/{} (attempt #{}): {}", a.attemptId(), a.jobId(), a.taskIndex(), a.taskCount(),
                a.attemptNumber(), "embed".equals(a.runtime()) ? "embed with " + a.model() : a.command());
        emit(new AgentEvent.TaskStarted(a));
        runner.start();
    }

    /** An assignment that arrived as we began shutting down goes straight back, so nobody waits for its lease. */
    private void handBackUnstarted(Assignment a) {
        Thread.interrupted();
        try {
            client.fail(a.attemptId(), new FailRequest(providerId, AttemptReason.PROVIDER_DRAINED.name(),
                    "the provider was shutting down when the assignment arrived", null, null, null, 0));
        } catch (RuntimeException e) {
            log.warn("could not hand back attempt {}: {}", a.attemptId(), e.getMessage());
        }
    }

    private void awaitFreeSlot() {
        try {
            if (slotFreed.tryAcquire(1, TimeUnit.SECONDS)) slotFreed.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopClaiming() {
        if (claimThread == null) return;
        // The interrupt cuts the long poll short; a claim answered at that instant is lost and expires on the coordinator.
        claimThread.interrupt();
        try {
            if (!claimThread.join(Duration.ofSeconds(10))) log.warn("the claim loop did not stop within 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitTasks(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (TaskRunner t : List.copyOf(tasks.values())) {
            if (!t.join(Duration.ofNanos(deadline - System.nanoTime()))) return;
        }
    }

    // ---- used by TaskRunner ----

    /**
     * The coordinator says the owner asked this provider to drain: hand every task back at once (checkpointed, as
     * PROVIDER_DRAINED) and stop. Runs the shutdown on its own thread: the claim or heartbeat thread that learned of
     * the drain is one that the shutdown waits for.
     */
    void drainRequested() {
        if (!drainRequested.compareAndSet(false, true)) return;
        log.info("the owner asked to drain this provider: checkpointing and handing back {} task(s), then stopping", tasks.size());
        emit(new AgentEvent.DrainRequested());
        Thread.ofVirtual().name("gridmint-drain").start(() -> shutdown(Duration.ZERO));
    }

    void taskDone(TaskRunner runner) {
        tasks.remove(runner.assignment().attemptId(), runner);
        slotFreed.release();
    }

    CoordinatorClient client() {
        return client;
    }

    String providerIdOrNull() {
        return providerId;
    }

    boolean crashed() {
        return state == State.CRASHED;
    }

    void recordCompleted(boolean accepted) {
        if (accepted) completed.increment();
    }

    void recordFailed(boolean handBack) {
        failed.increment();
        if (handBack) handedBack.increment();
    }

    void recordAbandoned() {
        abandoned.increment();
    }

    void coordinatorAnswered() {
        if (coordinatorDown.compareAndSet(true, false)) {
            log.info("the coordinator at {} answers again", config.coordinator());
            emit(new AgentEvent.CoordinatorReachable());
        }
    }

    void coordinatorUnreachable(RuntimeException e) {
        if (state == State.CRASHED) return;
        if (coordinatorDown.compareAndSet(false, true)) {
            log.warn("lost the coordinator: {}; retrying", e.getMessage());
            emit(new AgentEvent.CoordinatorUnreachable(String.valueOf(e.getMessage())));
        }
    }

    void emit(AgentEvent event) {
        for (AgentListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                log.warn("an agent listener failed on {}", event, e);
            }
        }
    }

    /** The version the coordinator sees; a cheating agent says so in it. */
    private String version() {
        String v = ProviderAgent.class.getPackage().getImplementationVersion();
        return (v == null ? "dev" : v) + (config.faultInjection() == null ? "" : FaultInjection.VERSION_SUFFIX);
    }
}
