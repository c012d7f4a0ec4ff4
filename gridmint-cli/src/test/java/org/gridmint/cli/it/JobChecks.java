package org.gridmint.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.gridmint.api.AttemptView;
import org.gridmint.api.BlobRef;
import org.gridmint.api.JobView;
import org.gridmint.api.TaskView;
import org.gridmint.client.GridmintClient;
import org.gridmint.client.JobStates;

/** Reading and checking job views and downloaded results, shared by the end-to-end tests. */
final class JobChecks {
    private JobChecks() {}

    /** Polls the job until it is final and returns that view; tolerates a coordinator that is restarting. */
    static JobView awaitFinal(GridmintClient client, String jobId, Duration timeout, Runnable guard) {
        return Eventually.await("job " + jobId + " to end", timeout, () -> {
            guard.run();
            JobView v = client.job(jobId);
            return JobStates.isFinal(v.state()) ? Optional.of(v) : Optional.empty();
        });
    }

    static long tasksIn(JobView job, String state) {
        return job.tasks().stream().filter(t -> state.equals(t.state())).count();
    }

    static List<AttemptView> attempts(JobView job) {
        return job.tasks().stream().flatMap(t -> t.attempts().stream()).toList();
    }

    /** The one SUCCEEDED attempt of a task; fails if it has none or several. */
    static AttemptView successfulAttempt(TaskView task) {
        List<AttemptView> ok = task.attempts().stream().filter(a -> "SUCCEEDED".equals(a.state())).toList();
        assertThat(ok).as("SUCCEEDED attempts of task %d: %s", task.index(), task.attempts()).hasSize(1);
        return ok.getFirst();
    }

    /** The output {@code name} of a succeeded task, as the coordinator recorded it. */
    static BlobRef output(TaskView task, String name) {
        return task.outputs().stream().filter(b -> name.equals(b.name())).findFirst()
                .orElseThrow(() -> new AssertionError("task " + task.index() + " has no output " + name + ": " + task.outputs()));
    }

    /**
     * Downloads the job's results into {@code dir} and checks that every task's {@code output} holds what
     * {@code expected} says for its index, and that its bytes are those the coordinator recorded (SHA-256, size).
     */
    static void assertResults(GridmintClient client, JobView job, Path dir, String output, IntFunction<String> expected) {
        List<Path> files = client.downloadResults(job.id(), dir);
        assertThat(files).as("files of the results archive").hasSize(job.taskCount());
        for (TaskView task : job.tasks()) {
            Path file = dir.resolve(String.format("task-%05d", task.index())).resolve(output);
            assertThat(file).as("output of task %d", task.index()).hasContent(expected.apply(task.index()));
            BlobRef recorded = output(task, output);
            byte[] bytes = read(file);
            assertThat(sha256(bytes)).as("SHA-256 of the output of task %d", task.index()).isEqualTo(recorded.sha256());
            assertThat((long) bytes.length).as("size of the output of task %d", task.index()).isEqualTo(recorded.size());
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path writeSpec(Path file, String yaml) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
