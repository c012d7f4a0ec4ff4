package org.gridmint.provider.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.gridmint.api.Assignment;
import org.gridmint.api.BlobRef;
import org.gridmint.api.embed.ShardFile;
import org.gridmint.api.json.InvalidInputException;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.embed.Embedder;
import org.gridmint.embed.ModelInfo;
import org.gridmint.embed.ModelRegistry;
import org.gridmint.embed.Vectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@code embed} assignment: stages its {@code shard.jsonl}, embeds the texts in batches with the agent's shared
 * model, writes {@code embeddings.npy} (one row per shard line, in order) and uploads it as {@link ExecRuntime} uploads
 * a command's outputs, with a short task log as stdout. Concurrency: {@link #run} blocks its caller; many runs share one
 * {@link ModelRegistry}, whose models are thread-safe. Between batches it reports progress ({@code embedded K/N items})
 * and honours stops and the task's timeout, so a stop waits for at most one batch. Failure modes: a model this agent does
 * not serve and a malformed shard fail as not retryable (another run gets the same input); a fetch, a read, a write, a
 * model that would not load or a failed inference are retryable.
 */
public final class EmbedRuntime implements TaskRuntime {
    private static final Logger log = LoggerFactory.getLogger(EmbedRuntime.class);
    public static final String RUNTIME = "embed";
    /** The input file every embed assignment stages. */
    public static final String SHARD = ShardFile.NAME;
    /** The output file an embed task writes: NumPy v1.0, {@code <f4}, shape (items, dimensions). */
    public static final String OUTPUT = "embeddings.npy";
    /** Texts per inference call: small enough that a stop or timeout is honoured within a fraction of a second. */
    static final int BATCH = 32;

    /**
     * Inference runs on these platform threads, not on the task's virtual thread: ONNX Runtime's native calls pin a virtual
     * thread to its carrier, and a few CPU-bound tasks on the carrier pool (one carrier per core) starved the agent's
     * heartbeats and HTTP calls, and an in-process coordinator, until every lease expired. Idle threads end after a minute.
     */
    private static final ExecutorService INFERENCE = Executors.newCachedThreadPool(Thread.ofPlatform().name("gridmint-embed-", 0).daemon().factory());

    private final Path dataDir;
    private final BlobStore blobs;
    private final Staging staging;
    private final ModelRegistry models;
    private final OutputTamper tamper;
    private final int batch;
    /** Models this runtime has asked the registry for, so the task log can say which task paid for loading one. */
    private final Set<String> used = ConcurrentHashMap.newKeySet();

    /** @param dataDir holds {@code work/<attemptId>}, {@code logs/<attemptId>} and the blob cache, shared with {@link ExecRuntime} */
    public EmbedRuntime(Path dataDir, BlobStore blobs, ModelRegistry models, OutputTamper tamper) {
        this(dataDir, blobs, models, tamper, BATCH);
    }

    EmbedRuntime(Path dataDir, BlobStore blobs, ModelRegistry models, OutputTamper tamper, int batch) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath();
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.models = Objects.requireNonNull(models, "models");
        this.tamper = Objects.requireNonNull(tamper, "tamper");
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        this.batch = batch;
        this.staging = new Staging(this.dataDir.resolve("cache"), blobs);
    }

    @Override
    public Outcome run(Assignment a, String providerId, TaskControl control, CheckpointSink checkpoints) {
        String id = WorkDirs.safeName(a.attemptId());
        Path work = dataDir.resolve("work").resolve(id);
        Path logs = dataDir.resolve("logs").resolve(id);
        TaskLog taskLog = new TaskLog(logs);
        try {
            return runIn(a, control, work, logs, taskLog);
        } finally {
            control.phase(TaskControl.Phase.DONE);
            if (control.stopReason() != StopReason.CRASHED) {
                WorkDirs.deleteTree(work);
                WorkDirs.deleteTree(logs);
            }
        }
    }

    private Outcome runIn(Assignment a, TaskControl control, Path work, Path logs, TaskLog taskLog) {
        if (control.stopReason() != null) return stoppedBeforeStart(control.stopReason());
        ModelInfo model = models.models().stream().filter(m -> m.name().equals(a.model())).findFirst().orElse(null);
        if (model == null) {
            return Outcome.Failed.permanent(AttemptReason.RUNTIME_ERROR, "this provider does not serve model '" + a.model() + "' (it serves: "
                    + (models.models().isEmpty() ? "none" : String.join(", ", models.models().stream().map(ModelInfo::name).toList())) + ")");
        }
        if (a.files() == null || a.files().stream().noneMatch(f -> SHARD.equals(f.name()))) {
            return Outcome.Failed.permanent(AttemptReason.STAGING_FAILED, "the embed assignment has no " + SHARD + " among its files");
        }
        try {
            WorkDirs.deleteTree(work);
            WorkDirs.deleteTree(logs);
            Files.createDirectories(work);
            Files.createDirectories(logs);
        } catch (IOException e) {
            return new Outcome.Failed(AttemptReason.RUNTIME_ERROR, "cannot create the work dir " + work + ": " + e.getMessage(), null, null, null, 0);
        }
        control.phase(TaskControl.Phase.STAGING);
        List<String> texts;
        try {
            staging.stage(a.files(), work);
            texts = ShardFile.read(Files.readAllBytes(work.resolve(SHARD))).stream().map(ShardFile.Entry::text).toList();
        } catch (Staging.StagingException e) {
            return new Outcome.Failed(AttemptReason.STAGING_FAILED, e.getMessage(), null, null, null, 0);
        } catch (InvalidInputException e) {
            return Outcome.Failed.permanent(AttemptReason.STAGING_FAILED, "malformed " + SHARD + ": " + e.getMessage());
        } catch (IOException e) {
            return new Outcome.Failed(AttemptReason.RUNTIME_ERROR, "cannot read " + SHARD + ": " + e.getMessage(), null, null, null, 0);
        }
        if (texts.isEmpty()) return Outcome.Failed.permanent(AttemptReason.STAGING_FAILED, "malformed " + SHARD + ": it has no items");
        if (control.stopReason() != null) return stoppedBeforeStart(control.stopReason());

        control.phase(TaskControl.Phase.RUNNING);
        long started = System.nanoTime();
        Run run = new Run(a, control, taskLog, started);
        Outcome stopped = run.embed(model, texts);
        if (stopped != null) return stopped;
        control.phase(TaskControl.Phase.UPLOADING);
        try {
            Files.write(work.resolve(OUTPUT), Vectors.toNpy(run.vectors));
        } catch (IOException | UncheckedIOException e) {
            return run.failed(AttemptReason.RUNTIME_ERROR, "cannot write " + OUTPUT + ": " + e.getMessage(), true);
        }
        return collectAndUpload(a, control, work, run);
    }

    /** The embedding loop of one attempt, with what it needs to report how it ended. */
    private final class Run {
        final Assignment a;
        final TaskControl control;
        final TaskLog taskLog;
        final long started;
        float[][] vectors;

        Run(Assignment a, TaskControl control, TaskLog taskLog, long started) {
            this.a = a;
            this.control = control;
            this.taskLog = taskLog;
            this.started = started;
        }

        long millis() {
            return (System.nanoTime() - started) / 1_000_000;
        }

        /** Embeds every text into {@link #vectors}; returns null when done, else how the attempt ended. */
        Outcome embed(ModelInfo model, List<String> texts) {
            Embedder embedder;
            try {
                if (used.add(model.name())) {
                    taskLog.line("model " + model.name() + ": first use on this agent, loading it on " + models.device().wireName()
                            + " if no online request loaded it yet");
                }
                control.progress("loading model " + model.name());
                long t0 = System.nanoTime();
                embedder = models.get(model.name());
                taskLog.line("model " + model.name() + " ready on " + embedder.device().wireName() + " (" + (System.nanoTime() - t0) / 1_000_000 + " ms)");
            } catch (RuntimeException e) {
                used.remove(model.name());
                return failed(AttemptReason.RUNTIME_ERROR, "cannot load model " + model.name() + ": " + e.getMessage(), true);
            }
            int n = texts.size();
            vectors = new float[n][];
            control.progress("embedded 0/" + n + " items");
            for (int from = 0; from < n; from += batch) {
                Outcome ended = checkpoint();
                if (ended != null) return ended;
                List<String> part = texts.subList(from, Math.min(n, from + batch));
                float[][] out;
                try {
                    out = infer(embedder, part);
                } catch (InterruptedException e) {
                    // The agent crashed or stopped this worker: the batch in flight finishes on its own, nobody waits for it.
                    Thread.currentThread().interrupt();
                    Outcome stop = checkpoint();
                    return stop != null ? stop : new Outcome.Abandoned(StopReason.CRASHED, millis());
                } catch (RuntimeException e) {
                    return failed(AttemptReason.RUNTIME_ERROR, "model " + model.name() + " failed on items " + from + ".." + (from + part.size() - 1)
                            + " of the shard: " + e.getMessage(), true);
                }
                if (out.length != part.size()) {
                    return failed(AttemptReason.RUNTIME_ERROR, "model " + model.name() + " returned " + out.length + " vectors for " + part.size() + " texts", true);
                }
                for (int k = 0; k < out.length; k++) {
                    if (out[k] == null || out[k].length != model.dimensions()) {
                        return failed(AttemptReason.RUNTIME_ERROR, "model " + model.name() + " returned a vector of " + (out[k] == null ? 0 : out[k].length)
                                + " dimensions, expected " + model.dimensions(), true);
                    }
                    vectors[from + k] = out[k];
                }
                control.progress("embedded " + (from + part.size()) + "/" + n + " items");
            }
            // Finished work completes even if a drain or the deadline struck during the last batch, as a command that exited would.
            if (Thread.currentThread().isInterrupted()) control.stop(StopReason.CRASHED);
            if (abandoned(control)) return new Outcome.Abandoned(control.stopReason(), millis());
            taskLog.line("embedded " + n + " items with " + model.name() + " (" + model.dimensions() + " dimensions) in " + millis() + " ms");
            return null;
        }

        /** One batch on an inference thread; this (virtual) thread waits unmounted. */
        private static float[][] infer(Embedder embedder, List<String> part) throws InterruptedException {
            Future<float[][]> result = INFERENCE.submit(() -> embedder.embed(part));
            try {
                return result.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error err) throw err;
                throw new IllegalStateException(e.getCause());
            }
        }

        /** Between batches: how the attempt ends now (stopped, timed out), or null to go on. */
        Outcome checkpoint() {
            if (Thread.currentThread().isInterrupted()) control.stop(StopReason.CRASHED);
            StopReason stop = control.stopReason();
            if (stop == StopReason.CANCELLED || stop == StopReason.LOST || stop == StopReason.CRASHED) return new Outcome.Abandoned(stop, millis());
            if (stop == StopReason.DRAINED) return failed(AttemptReason.PROVIDER_DRAINED, "the provider shut down before the embedding finished", true);
            if (a.timeoutMillis() > 0 && System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(a.timeoutMillis())) {
                return failed(AttemptReason.TIMEOUT, "the embedding ran past its timeout of " + a.timeoutMillis() + " ms and was stopped", true);
            }
            return null;
        }

        /** The log goes along when it can; a failure to upload it must not hide why the attempt failed. */
        Outcome.Failed failed(AttemptReason reason, String message, boolean retryable) {
            taskLog.error(message);
            BlobRef out = null;
            BlobRef err = null;
            try {
                out = blobs.put(ExecRuntime.STDOUT, taskLog.stdout());
                err = blobs.put(ExecRuntime.STDERR, taskLog.stderr());
            } catch (RuntimeException e) {
                log.warn("cannot upload the log of a failed embed attempt: {}", e.toString());
            }
            return new Outcome.Failed(reason, message, null, out, err, millis(), retryable);
        }
    }

    private Outcome collectAndUpload(Assignment a, TaskControl control, Path work, Run run) {
        Map<String, Path> files;
        try {
            files = OutputCollector.collect(work, a.outputs() == null || a.outputs().isEmpty() ? List.of(OUTPUT) : a.outputs());
        } catch (OutputCollector.MissingOutputException e) {
            return run.failed(AttemptReason.OUTPUT_MISSING, e.getMessage(), true);
        } catch (IOException | UncheckedIOException e) {
            return run.failed(AttemptReason.RUNTIME_ERROR, "cannot list the work dir: " + e.getMessage(), true);
        }
        try {
            tamper.beforeUpload(a, files);
        } catch (IOException | UncheckedIOException e) {
            return run.failed(AttemptReason.RUNTIME_ERROR, "cannot rewrite the outputs: " + e.getMessage(), true);
        }
        List<BlobRef> outputs = new ArrayList<>();
        try {
            for (var f : files.entrySet()) {
                if (abandoned(control)) return new Outcome.Abandoned(control.stopReason(), run.millis());
                outputs.add(blobs.put(f.getKey(), f.getValue()));
            }
            return new Outcome.Completed(0, outputs, blobs.put(ExecRuntime.STDOUT, run.taskLog.stdout()),
                    blobs.put(ExecRuntime.STDERR, run.taskLog.stderr()), run.millis());
        } catch (RuntimeException e) {
            if (abandoned(control)) return new Outcome.Abandoned(control.stopReason(), run.millis());
            log.warn("attempt {}: upload failed: {}", a.attemptId(), e.toString());
            return new Outcome.Failed(AttemptReason.UPLOAD_FAILED, "cannot upload the results: " + e.getMessage(), null, null, null, run.millis());
        }
    }

    private static boolean abandoned(TaskControl control) {
        StopReason r = control.stopReason();
        return r == StopReason.CANCELLED || r == StopReason.LOST || r == StopReason.CRASHED;
    }

    private static Outcome stoppedBeforeStart(StopReason stop) {
        if (stop == StopReason.DRAINED) {
            return new Outcome.Failed(AttemptReason.PROVIDER_DRAINED, "the provider shut down before the embedding started", null, null, null, 0);
        }
        return new Outcome.Abandoned(stop, 0);
    }

    /** The task's own log, written to its logs dir: what the task did (stdout) and what went wrong (stderr). */
    private static final class TaskLog {
        private final Path dir;
        private final StringBuilder out = new StringBuilder();
        private final StringBuilder err = new StringBuilder();

        TaskLog(Path dir) {
            this.dir = dir;
        }

        synchronized void line(String s) {
            out.append(s).append('\n');
            log.debug("embed: {}", s);
        }

        synchronized void error(String s) {
            err.append(s).append('\n');
        }

        Path stdout() {
            return write(ExecRuntime.STDOUT, out);
        }

        Path stderr() {
            return write(ExecRuntime.STDERR, err);
        }

        private synchronized Path write(String name, StringBuilder text) {
            try {
                Files.createDirectories(dir);
                return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
