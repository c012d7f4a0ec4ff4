package org.gridmint.provider.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.provider.testing.Fixtures.assignment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gridmint.api.Assignment;
import org.gridmint.api.BlobRef;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.provider.sandbox.Sandbox;
import org.gridmint.provider.testing.Eventually;
import org.gridmint.provider.testing.MemoryBlobStore;
import org.gridmint.provider.testing.Processes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every sandbox must do for the runtime; one subclass per sandbox. */
abstract class ExecRuntimeContract {
    @TempDir
    Path dataDir;

    final MemoryBlobStore blobs = new MemoryBlobStore();
    ExecRuntime runtime;

    abstract Sandbox sandbox();

    @BeforeEach
    void createRuntime() {
        runtime = new ExecRuntime(dataDir, sandbox(), blobs, ExecRuntime.Options.DEFAULTS);
    }

    Outcome run(Assignment a) {
        return runtime.run(a, new TaskControl());
    }

    @Test
    void run_withoutCheckpoints_hasNoCheckpointDir() {
        Outcome.Completed c = (Outcome.Completed) run(assignment("echo \"[${GRIDMINT_CHECKPOINT_DIR-unset}]\"").build());

        assertThat(blobs.text(c.stdout())).isEqualTo("[unset]\n");
    }

    @Test
    void run_restoresTheCheckpoint_intoAWritableCheckpointDir_beforeTheCommandStarts() throws Exception {
        BlobRef saved = CheckpointerTest.zipOf(blobs, dataDir, "n", "5");
        Assignment a = assignment("cat \"$GRIDMINT_CHECKPOINT_DIR/n\"; echo; echo \"$GRIDMINT_CHECKPOINT_DIR\"; echo 6 > \"$GRIDMINT_CHECKPOINT_DIR/n\"")
                .withCheckpointIntervalMillis(3_600_000).withCheckpoint(saved).build();

        Outcome o = run(a);

        assertThat(o).isInstanceOf(Outcome.Completed.class);
        String dir = sandbox().workDirInside(dataDir.resolve("work").resolve(a.attemptId())).resolve(".checkpoint").toString();
        assertThat(blobs.text(((Outcome.Completed) o).stdout())).isEqualTo("5\n" + dir + "\n");
    }

    @Test
    void run_uploadsTheCheckpointDirEachIntervalWhenItChanged_withoutHoldingUpTheTask() throws Exception {
        List<BlobRef> reported = new CopyOnWriteArrayList<>();
        Assignment a = assignment("echo 1 > t && mv t \"$GRIDMINT_CHECKPOINT_DIR/n\"; while [ ! -e go ]; do sleep 0.02; done; "
                + "echo 2 > t && mv t \"$GRIDMINT_CHECKPOINT_DIR/n\"; while [ ! -e go2 ]; do sleep 0.02; done")
                .withCheckpointIntervalMillis(50).build();
        Path work = dataDir.resolve("work").resolve(a.attemptId());

        CompletableFuture<Outcome> run = CompletableFuture.supplyAsync(() -> runtime.run(a, new TaskControl(), (b, ms) -> reported.add(b)));
        Eventually.await("the first checkpoint", () -> reported.size() == 1);
        assertThat(restored(reported.getFirst()).resolve("n")).hasContent("1");
        Files.createFile(work.resolve("go"));
        Eventually.await("the second checkpoint", () -> reported.size() == 2);
        assertThat(restored(reported.get(1)).resolve("n")).hasContent("2");
        Files.createFile(work.resolve("go2"));

        assertThat(run.get()).isInstanceOf(Outcome.Completed.class);
        assertThat(reported).as("nothing new to upload").hasSize(2);
    }

    @Test
    void run_handedBack_takesAFinalCheckpoint() throws Exception {
        List<BlobRef> reported = new CopyOnWriteArrayList<>();
        String marker = Processes.marker();
        Assignment a = assignment("echo 7 > t && mv t \"$GRIDMINT_CHECKPOINT_DIR/n\"; exec sleep " + marker)
                .withCheckpointIntervalMillis(3_600_000).build();
        Path work = dataDir.resolve("work").resolve(a.attemptId());
        TaskControl control = new TaskControl();

        CompletableFuture<Outcome> run = CompletableFuture.supplyAsync(() -> runtime.run(a, control, (b, ms) -> reported.add(b)));
        Eventually.await("the task's state written", () -> Files.exists(work.resolve(".checkpoint/n")) && !Processes.withArgument(marker).isEmpty());
        control.stop(StopReason.DRAINED);

        assertThat(run.get()).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.reason()).isEqualTo(AttemptReason.PROVIDER_DRAINED));
        assertThat(reported).singleElement().satisfies(b -> assertThat(restored(b).resolve("n")).hasContent("7"));
    }

    private Path restored(BlobRef zip) {
        try {
            Path dir = Files.createTempDirectory(dataDir, "restored");
            Path file = dir.resolve("c.zip");
            blobs.fetch(zip.sha256(), file);
            CheckpointArchive.extract(file, dir.resolve("out"));
            return dir.resolve("out");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void run_givesTheTaskItsIdentity_andCapturesStdout() {
        Assignment a = assignment("echo index=$GRIDMINT_TASK_INDEX count=$GRIDMINT_TASK_COUNT job=$GRIDMINT_JOB_ID attempt=$GRIDMINT_ATTEMPT_ID; "
                + "echo oops >&2").withTask(3, 8).withJobId("job-42").build();

        Outcome o = run(a);

        assertThat(o).isInstanceOf(Outcome.Completed.class);
        Outcome.Completed c = (Outcome.Completed) o;
        assertThat(c.exitCode()).isZero();
        assertThat(blobs.text(c.stdout())).isEqualTo("index=3 count=8 job=job-42 attempt=" + a.attemptId() + "\n");
        assertThat(blobs.text(c.stderr())).isEqualTo("oops\n");
        assertThat(c.stdout().name()).isEqualTo("stdout");
    }

    @Test
    void run_tellsTheTaskWhichProviderRunsIt() {
        Assignment a = assignment("echo provider=$GRIDMINT_PROVIDER_ID").build();

        Outcome.Completed c = (Outcome.Completed) runtime.run(a, "prov-slowpoke", new TaskControl(), CheckpointSink.NONE);

        assertThat(blobs.text(c.stdout())).isEqualTo("provider=prov-slowpoke\n");
    }

    @Test
    void run_collectsOutputsByGlob_namedByTheirPath() {
        Assignment a = assignment("mkdir -p out/deep && printf a > out/a.txt && printf b > out/deep/b.txt && printf c > notes.log")
                .withOutputs("out/**", "*.log").build();

        Outcome.Completed c = (Outcome.Completed) run(a);

        assertThat(c.outputs()).extracting(BlobRef::name).containsExactlyInAnyOrder("out/a.txt", "out/deep/b.txt", "notes.log");
        BlobRef b = c.outputs().stream().filter(r -> r.name().equals("out/deep/b.txt")).findFirst().orElseThrow();
        assertThat(b.sha256()).isEqualTo(MemoryBlobStore.sha256("b".getBytes()));
        assertThat(b.size()).isEqualTo(1);
    }

    @Test
    void run_whenAnOutputIsMissing_failsWithOutputMissing() {
        Outcome o = run(assignment("printf x > present.txt").withOutputs("present.txt", "absent-*.bin").build());

        assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(AttemptReason.OUTPUT_MISSING);
            assertThat(f.message()).contains("absent-*.bin").doesNotContain("present.txt");
            assertThat(f.stdout()).isNotNull();
        });
    }

    @Test
    void run_whenTheCommandFails_reportsItsExitCodeAndLogs() {
        Outcome o = run(assignment("echo working; echo 'model file not found' >&2; exit 3").build());

        assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(AttemptReason.EXIT_NONZERO);
            assertThat(f.exitCode()).isEqualTo(3);
            assertThat(f.message()).contains("status 3").contains("model file not found");
            assertThat(blobs.text(f.stdout())).isEqualTo("working\n");
        });
    }

    @Test
    void run_pastItsTimeout_isKilledAndFailsWithTimeout() {
        String marker = Processes.marker();

        Outcome o = run(assignment("sleep " + marker + " & sleep " + marker).withTimeoutMillis(300).build());

        assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.reason()).isEqualTo(AttemptReason.TIMEOUT));
        Eventually.await("no process left", () -> Processes.withArgument(marker).isEmpty());
    }

    @Test
    void stop_killsTheWholeProcessTree() {
        String marker = Processes.marker();
        TaskControl control = new TaskControl();
        Assignment a = assignment("sleep " + marker + " & sleep " + marker).build();

        CompletableFuture<Outcome> running = CompletableFuture.supplyAsync(() -> runtime.run(a, control));
        Eventually.await("both sleeps running", () -> Processes.withArgument(marker).size() == 2);
        control.stop(StopReason.CANCELLED);

        assertThat(running.join()).isInstanceOfSatisfying(Outcome.Abandoned.class, ab -> assertThat(ab.reason()).isEqualTo(StopReason.CANCELLED));
        Eventually.await("no process left", () -> Processes.withArgument(marker).isEmpty());
    }

    @Test
    void run_killsBackgroundChildrenLeftBehindByACommandThatExited() {
        String marker = Processes.marker();

        Outcome o = run(assignment("(sleep " + marker + " &) ; echo started").build());

        assertThat(o).isInstanceOf(Outcome.Completed.class);
        Eventually.await("the orphan is gone", () -> Processes.withArgument(marker).isEmpty());
    }

    @Test
    void stop_forShutdown_failsAsHandedBack() {
        TaskControl control = new TaskControl();
        CompletableFuture<Outcome> running = CompletableFuture.supplyAsync(() -> runtime.run(assignment("exec sleep 300").build(), control));
        Eventually.await("running", () -> control.phase() == TaskControl.Phase.RUNNING);
        control.stop(StopReason.DRAINED);

        assertThat(running.join()).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.reason()).isEqualTo(AttemptReason.PROVIDER_DRAINED));
    }

    @Test
    void run_stagesJobFilesFromTheCache_andDownloadsEachBlobOnce() {
        BlobRef script = blobs.add("bin/run.sh", "echo staged-$1");
        BlobRef data = blobs.add("data.txt", "42\n");

        Outcome first = run(assignment("sh bin/run.sh one && cat data.txt").withFiles(script, data).build());
        Outcome second = run(assignment("sh bin/run.sh two").withFiles(script).build());

        assertThat(blobs.text(((Outcome.Completed) first).stdout())).isEqualTo("staged-one\n42\n");
        assertThat(blobs.text(((Outcome.Completed) second).stdout())).isEqualTo("staged-two\n");
        assertThat(blobs.fetches).hasValue(2);
        assertThat(dataDir.resolve("cache").resolve(script.sha256())).exists();
    }

    @Test
    void run_whenABlobDoesNotMatchItsDigest_failsStaging() {
        String claimed = MemoryBlobStore.sha256("the real content".getBytes());
        blobs.addCorrupt(claimed, "tampered");

        Outcome o = run(assignment("true").withFiles(new BlobRef("model.bin", claimed, 8)).build());

        assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(AttemptReason.STAGING_FAILED);
            assertThat(f.message()).contains("model.bin").contains("expected " + claimed);
        });
        assertThat(dataDir.resolve("cache").resolve(claimed)).doesNotExist();
    }

    @Test
    void run_whenAFileNameClimbsOutOfTheWorkDir_failsStaging() {
        BlobRef evil = blobs.add("../../escaped.sh", "x");

        Outcome o = run(assignment("true").withFiles(evil).build());

        assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.reason()).isEqualTo(AttemptReason.STAGING_FAILED));
        assertThat(dataDir.resolve("escaped.sh")).doesNotExist();
    }

    @Test
    void run_whenUploadsFail_failsWithUploadFailed() {
        blobs.failUploads = true;

        Outcome o = run(assignment("printf x > out.txt").withOutputs("out.txt").build());

        assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.reason()).isEqualTo(AttemptReason.UPLOAD_FAILED));
    }

    @Test
    void run_deletesTheWorkDirAfterwards() throws Exception {
        run(assignment("printf x > out.txt").withOutputs("out.txt").build());

        try (var s = Files.list(dataDir.resolve("work"))) {
            assertThat(s).isEmpty();
        }
    }
}
