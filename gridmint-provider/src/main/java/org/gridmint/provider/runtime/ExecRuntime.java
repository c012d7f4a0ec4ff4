package org.gridmint.provider.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.gridmint.api.Assignment;
import org.gridmint.api.BlobRef;
import org.gridmint.api.ResourcesView;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.provider.sandbox.Launch;
import org.gridmint.provider.sandbox.ResourceLimits;
import org.gridmint.provider.sandbox.Sandbox;
import org.gridmint.provider.sandbox.SandboxSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one assignment as a command in the sandbox, from staging to uploaded results; see the package doc for
 * the flow. Concurrency: {@link #run} blocks its caller (one virtual thread per attempt) and may run for many
 * attempts at once; other threads steer a run only through its {@link TaskControl}. Failure modes: every
 * failure becomes an {@link Outcome.Failed} with the attempt reason; only a programming error escapes as an
 * exception. The work dir is deleted at the end, except after a simulated crash.
 */
public final class ExecRuntime implements TaskRuntime {
    private static final Logger log = LoggerFactory.getLogger(ExecRuntime.class);
    static final String STDOUT = "stdout";
    static final String STDERR = "stderr";
    /** The checkpoint dir inside the work dir; a dot name, so a job's staged files do not collide with it. */
    static final String CHECKPOINT_DIR = ".checkpoint";

    private final Path dataDir;
    private final Sandbox sandbox;
    private final BlobStore blobs;
    private final Options options;
    private final Staging staging;
    private final OutputTamper tamper;

    /**
     * Tunables of the runtime.
     *
     * @param logCapBytes the most of each of stdout and stderr that is kept (the tail)
     * @param killGrace how long a stopped command has between SIGTERM and SIGKILL
     * @param pidsLimit processes a task may have at once (0: no limit)
     */
    public record Options(long logCapBytes, Duration killGrace, int pidsLimit) {
        public static final Options DEFAULTS = new Options(16L * 1024 * 1024, Duration.ofSeconds(3), 1024);

        public Options {
            if (logCapBytes < 2) throw new IllegalArgumentException("logCapBytes must be >= 2, got " + logCapBytes);
            if (killGrace == null || killGrace.isNegative()) throw new IllegalArgumentException("killGrace must be >= 0, got " + killGrace);
            if (pidsLimit < 0) throw new IllegalArgumentException("pidsLimit must be >= 0, got " + pidsLimit);
        }
    }

    /** @param dataDir holds {@code work/<attemptId>}, {@code logs/<attemptId>} and the blob cache {@code cache/<sha256>} */
    public ExecRuntime(Path dataDir, Sandbox sandbox, BlobStore blobs, Options options) {
        this(dataDir, sandbox, blobs, options, OutputTamper.NONE);
    }

    /** As above, with {@code tamper} seeing the outputs of every completed attempt before their upload (fault injection). */
    public ExecRuntime(Path dataDir, Sandbox sandbox, BlobStore blobs, Options options, OutputTamper tamper) {
        this.tamper = Objects.requireNonNull(tamper, "tamper");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath();
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.options = Objects.requireNonNull(options, "options");
        this.staging = new Staging(this.dataDir.resolve("cache"), blobs);
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    /** Removes work dirs that a crashed agent left behind; call before the first run. */
    public void cleanStaleWork() {
        WorkDirs.deleteTree(dataDir.resolve("work"));
        WorkDirs.deleteTree(dataDir.resolve("logs"));
    }

    public Outcome run(Assignment a, TaskControl control) {
        return run(a, control, CheckpointSink.NONE);
    }

    /**
     * Runs {@code a}; where its job checkpoints, saves the checkpoint dir every interval while the command runs,
     * and once more after a shutdown stopped it, reporting each upload to {@code checkpoints}.
     */
    public Outcome run(Assignment a, TaskControl control, CheckpointSink checkpoints) {
        return run(a, null, control, checkpoints);
    }

    /** As {@link #run(Assignment, TaskControl, CheckpointSink)}, telling the command which provider runs it ({@code GRIDMINT_PROVIDER_ID}). */
    @Override
    public Outcome run(Assignment a, String providerId, TaskControl control, CheckpointSink checkpoints) {
        String id = WorkDirs.safeName(a.attemptId());
        Path work = dataDir.resolve("work").resolve(id);
        Path logs = dataDir.resolve("logs").resolve(id);
        try {
            return runIn(a, providerId, control, id, work, logs, checkpoints);
        } finally {
            control.phase(TaskControl.Phase.DONE);
            // After a simulated crash the files stay, as on a machine that died; the next start cleans them.
            if (control.stopReason() != StopReason.CRASHED) {
                WorkDirs.deleteTree(work);
                WorkDirs.deleteTree(logs);
            }
        }
    }

    private Outcome runIn(Assignment a, String providerId, TaskControl control, String id, Path work, Path logs, CheckpointSink checkpoints) {
        if (control.stopReason() != null) return stoppedBeforeStart(control.stopReason());
        try {
            WorkDirs.deleteTree(work);
            WorkDirs.deleteTree(logs);
            Files.createDirectories(work);
            Files.createDirectories(logs);
        } catch (IOException e) {
            return new Outcome.Failed(AttemptReason.RUNTIME_ERROR, "cannot create the work dir " + work + ": " + e.getMessage(), null, null, null, 0);
        }
        control.phase(TaskControl.Phase.STAGING);
        try {
            staging.stage(a.files() == null ? List.of() : a.files(), work);
        } catch (Staging.StagingException e) {
            return new Outcome.Failed(AttemptReason.STAGING_FAILED, e.getMessage(), null, null, null, 0);
        }
        Checkpointer checkpointer = null;
        if (a.checkpointIntervalMillis() > 0) {
            try {
                checkpointer = prepareCheckpoints(a, work, logs, checkpoints);
            } catch (Staging.StagingException e) {
                return new Outcome.Failed(AttemptReason.STAGING_FAILED, e.getMessage(), null, null, null, 0);
            }
        }
        if (control.stopReason() != null) return stoppedBeforeStart(control.stopReason());

        if (a.command() == null || a.command().isEmpty()) {
            return new Outcome.Failed(AttemptReason.SANDBOX_ERROR, "the assignment has no command", null, null, null, 0);
        }
        control.phase(TaskControl.Phase.RUNNING);
        Execution ex;
        try {
            ex = execute(a, providerId, control, id, work, logs, checkpointer);
        } catch (IOException e) {
            return new Outcome.Failed(AttemptReason.SANDBOX_ERROR, "cannot start " + a.command() + ": " + e.getMessage(), null, null, null, 0);
        }
        StopReason stop = ex.stopReason();
        if (stop == StopReason.CANCELLED || stop == StopReason.LOST || stop == StopReason.CRASHED) {
            return new Outcome.Abandoned(stop, ex.runtimeMillis());
        }
        control.phase(TaskControl.Phase.UPLOADING);
        if (stop == StopReason.DRAINED) {
            // The next attempt starts from here: save what the command wrote as it was told to stop.
            if (checkpointer != null) checkpointer.checkpoint(ex.runtimeMillis());
            return failedWithLogs(AttemptReason.PROVIDER_DRAINED, "the provider shut down before the command finished", null, ex);
        }
        if (ex.timedOut()) {
            return failedWithLogs(AttemptReason.TIMEOUT, "the command ran past its timeout of " + human(a.timeoutMillis()) + " and was killed", null, ex);
        }
        if (ex.exitCode() != 0) {
            String last = lastLine(ex.stderr());
            return failedWithLogs(AttemptReason.EXIT_NONZERO, "the command exited with status " + ex.exitCode()
                    + (last.isEmpty() ? "" : "; last line of stderr: " + last), ex.exitCode(), ex);
        }
        return collectAndUpload(a, control, work, ex);
    }

    private Outcome collectAndUpload(Assignment a, TaskControl control, Path work, Execution ex) {
        Map<String, Path> files;
        try {
            files = OutputCollector.collect(work, a.outputs() == null ? List.of() : a.outputs());
        } catch (OutputCollector.MissingOutputException e) {
            return failedWithLogs(AttemptReason.OUTPUT_MISSING, e.getMessage(), ex.exitCode(), ex);
        } catch (IOException | UncheckedIOException e) {
            return failedWithLogs(AttemptReason.RUNTIME_ERROR, "cannot list the work dir: " + e.getMessage(), ex.exitCode(), ex);
        }
        try {
            tamper.beforeUpload(a, files);
        } catch (IOException | UncheckedIOException e) {
            return failedWithLogs(AttemptReason.RUNTIME_ERROR, "cannot rewrite the outputs: " + e.getMessage(), ex.exitCode(), ex);
        }
        List<BlobRef> outputs = new ArrayList<>();
        try {
            for (var f : files.entrySet()) {
                if (abandoned(control)) return new Outcome.Abandoned(control.stopReason(), ex.runtimeMillis());
                outputs.add(blobs.put(f.getKey(), f.getValue()));
            }
            BlobRef out = blobs.put(STDOUT, ex.stdout());
            BlobRef err = blobs.put(STDERR, ex.stderr());
            return new Outcome.Completed(ex.exitCode(), outputs, out, err, ex.runtimeMillis());
        } catch (RuntimeException e) {
            if (abandoned(control)) return new Outcome.Abandoned(control.stopReason(), ex.runtimeMillis());
            log.warn("attempt {}: upload failed: {}", a.attemptId(), e.toString());
            return new Outcome.Failed(AttemptReason.UPLOAD_FAILED, "cannot upload the results: " + e.getMessage(), ex.exitCode(), null, null,
                    ex.runtimeMillis());
        }
    }

    /** Results that nobody will take are not worth uploading; a shutdown, though, still lets finished work complete. */
    private static boolean abandoned(TaskControl control) {
        StopReason r = control.stopReason();
        return r == StopReason.CANCELLED || r == StopReason.LOST || r == StopReason.CRASHED;
    }

    private Outcome stoppedBeforeStart(StopReason stop) {
        if (stop == StopReason.DRAINED) {
            return new Outcome.Failed(AttemptReason.PROVIDER_DRAINED, "the provider shut down before the command started", null, null, null, 0);
        }
        return new Outcome.Abandoned(stop, 0);
    }

    /** The logs go along when they can; a failure to upload them must not hide why the attempt failed. */
    private Outcome failedWithLogs(AttemptReason reason, String message, Integer exitCode, Execution ex) {
        BlobRef out = null;
        BlobRef err = null;
        try {
            out = blobs.put(STDOUT, ex.stdout());
            err = blobs.put(STDERR, ex.stderr());
        } catch (RuntimeException e) {
            log.warn("cannot upload the logs of a failed attempt: {}", e.toString());
        }
        return new Outcome.Failed(reason, message, exitCode, out, err, ex.runtimeMillis());
    }

    private record Execution(int exitCode, boolean timedOut, StopReason stopReason, Path stdout, Path stderr, long runtimeMillis) {}

    /** Creates the checkpoint dir, restores the task's latest checkpoint into it, and readies its saving. */
    private Checkpointer prepareCheckpoints(Assignment a, Path work, Path logs, CheckpointSink sink) throws Staging.StagingException {
        Path dir = work.resolve(CHECKPOINT_DIR);
        Path scratch = logs.resolve("checkpoints");
        try {
            Files.createDirectories(dir);
            if (a.checkpoint() != null) {
                BlobRef ref = new BlobRef(Checkpointer.BLOB_NAME, a.checkpoint().sha256(), a.checkpoint().size());
                staging.stage(List.of(ref), scratch);
                Path zip = scratch.resolve(Checkpointer.BLOB_NAME);
                CheckpointArchive.extract(zip, dir);
                Files.delete(zip);
                log.info("attempt {}: restored checkpoint {}", a.attemptId(), ref.sha256());
            }
        } catch (IOException e) {
            throw new Staging.StagingException("cannot restore the checkpoint " + a.checkpoint() + ": " + e.getMessage(), e);
        }
        Checkpointer c = new Checkpointer(a.attemptId(), dir, scratch, a.checkpointIntervalMillis(), blobs, sink);
        c.baseline();
        return c;
    }

    private Execution execute(Assignment a, String providerId, TaskControl control, String id, Path work, Path logs, Checkpointer checkpointer) throws IOException {
        SandboxSpec spec = new SandboxSpec(id, a.command(), work, environment(a, providerId, sandbox.workDirInside(work)), a.network(),
                a.resources() != null && a.resources().gpus() > 0, limits(a.resources()));
        TailLog stdout = new TailLog(logs.resolve(STDOUT), options.logCapBytes());
        TailLog stderr = new TailLog(logs.resolve(STDERR), options.logCapBytes());
        try (Launch launch = sandbox.prepare(spec)) {
            long started = System.nanoTime();
            Process p = launch.builder().redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (checkpointer != null) checkpointer.start(() -> (System.nanoTime() - started) / 1_000_000);
            log.debug("attempt {}: started pid {}: {}", a.attemptId(), p.pid(), launch.builder().command());
            Thread outPump = Thread.ofVirtual().name("stdout-" + id).start(() -> stdout.pump(p.getInputStream()));
            Thread errPump = Thread.ofVirtual().name("stderr-" + id).start(() -> stderr.pump(p.getErrorStream()));
            boolean timedOut = await(p, control, a.timeoutMillis(), started);
            long runtimeMillis = (System.nanoTime() - started) / 1_000_000;
            boolean exitedByItself = !p.isAlive();
            StopReason stop = control.stopReason();
            // A command that finished as the shutdown deadline struck has done its work: let it complete.
            if (stop == StopReason.DRAINED && exitedByItself && !timedOut) stop = null;
            Duration grace = stop == StopReason.CRASHED ? Duration.ZERO : options.killGrace();
            // Always, also after a clean exit: a command may leave background children behind.
            ProcessTree.kill(p, launch, grace);
            if (checkpointer != null) checkpointer.stop();
            join(outPump);
            join(errPump);
            int exit = p.isAlive() ? -1 : p.exitValue();
            return new Execution(exit, timedOut, stop, stdout.finish(), stderr.finish(), runtimeMillis);
        } finally {
            if (checkpointer != null) checkpointer.stop();
            stdout.finish();
            stderr.finish();
        }
    }

    /** Waits for exit, stop or timeout; true when the timeout ran out first. */
    private static boolean await(Process p, TaskControl control, long timeoutMillis, long startedNanos) {
        CompletableFuture<Object> exitOrStop = CompletableFuture.anyOf(p.onExit(), control.stopped());
        long deadline = timeoutMillis > 0 ? startedNanos + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : Long.MAX_VALUE;
        try {
            if (deadline == Long.MAX_VALUE) exitOrStop.get();
            else exitOrStop.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return false;
        } catch (TimeoutException e) {
            return !p.isAlive() ? false : control.stopReason() == null;
        } catch (InterruptedException e) {
            // Only the agent interrupts runs, and only when it goes down hard.
            control.stop(StopReason.CRASHED);
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for the process failed", e);
        }
    }

    private static void join(Thread pump) {
        try {
            // A child that escaped every kill may hold the pipe open: do not wait for it forever.
            if (!pump.join(Duration.ofSeconds(5))) log.warn("a log pipe is still open after the command ended; its tail may be missing");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ResourceLimits limits(ResourcesView r) {
        if (r == null) return new ResourceLimits(0, 0, options.pidsLimit());
        return new ResourceLimits(Math.max(0, r.cpu()), Math.max(0, r.memoryMb()), options.pidsLimit());
    }

    static Map<String, String> environment(Assignment a, String providerId, Path workDirInside) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("HOME", workDirInside.toString());
        env.put("LANG", "C.UTF-8");
        env.put("GRIDMINT_TASK_INDEX", String.valueOf(a.taskIndex()));
        env.put("GRIDMINT_TASK_COUNT", String.valueOf(a.taskCount()));
        env.put("GRIDMINT_JOB_ID", a.jobId());
        env.put("GRIDMINT_ATTEMPT_ID", a.attemptId());
        env.put("GRIDMINT_ATTEMPT_NUMBER", String.valueOf(a.attemptNumber()));
        env.put("GRIDMINT_WORK_DIR", workDirInside.toString());
        if (providerId != null) env.put("GRIDMINT_PROVIDER_ID", providerId);
        if (a.checkpointIntervalMillis() > 0) env.put("GRIDMINT_CHECKPOINT_DIR", workDirInside.resolve(CHECKPOINT_DIR).toString());
        return env;
    }

    private static String lastLine(Path file) {
        try {
            long size = Files.size(file);
            byte[] tail;
            try (var ch = java.nio.channels.FileChannel.open(file)) {
                int n = (int) Math.min(size, 4096);
                var buf = java.nio.ByteBuffer.allocate(n);
                ch.read(buf, size - n);
                tail = buf.array();
            }
            List<String> lines = new String(tail, java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            String last = lines.isEmpty() ? "" : lines.getLast();
            return last.length() > 300 ? last.substring(last.length() - 300) : last;
        } catch (IOException e) {
            return "";
        }
    }

    private static String human(long millis) {
        return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
    }
}
