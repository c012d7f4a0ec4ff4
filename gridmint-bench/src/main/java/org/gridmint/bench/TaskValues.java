package org.gridmint.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.gridmint.core.spec.JobSpecDraft;

/**
 * The tasks of {@link VerificationRun}: each sleeps a little (so that its runtime is not zero) and writes one number
 * computed from its index and the run's seed, so that every final output can be checked against a reference.
 */
final class TaskValues {
    /** The task's one output file. */
    static final String OUTPUT = "out/value.txt";
    private static final long MULTIPLIER = 2_654_435_761L;
    private static final long MODULUS = 1_000_000_007L;

    private TaskValues() {}

    /** The reference: what an honest agent writes for task {@code index}. */
    static String expected(int index, long seed) {
        return String.valueOf((index * MULTIPLIER + seed) % MODULUS);
    }

    /**
     * A job of {@code tasks} such tasks with {@code verify: policy}. Speculative backups are off, so that the only extra
     * attempts are verification's (and retries'); the same spec for the baseline and the verified job.
     */
    static JobSpecDraft spec(String name, int tasks, long seed, long sleepMillis, String policy) {
        // The shell's arithmetic is 64-bit: index × MULTIPLIER stays far below 2^63 for any task count a job may have.
        String script = String.format(Locale.ROOT, "sleep %.3f; mkdir -p out; echo $(( (GRIDMINT_TASK_INDEX * %d + %d) %% %d )) > %s",
                sleepMillis / 1000.0, MULTIPLIER, seed, MODULUS, OUTPUT);
        return new JobSpecDraft(name, "exec", List.of("sh", "-c", script), tasks, null, null, List.of(OUTPUT),
                new JobSpecDraft.ResourcesDraft(1, 64L, null, null, null), new BigDecimal("1.0"), "1m", 3, null, null, null,
                new JobSpecDraft.SpeculationDraft(false, null, null), JobSpecDraft.VerifyDraft.ofPolicy(policy), null);
    }

    /** The output of task {@code index} in a downloaded results archive ({@code task-00007/...}); null when the task has none. */
    static String output(Path results, int index) throws IOException {
        Path task = results.resolve(String.format(Locale.ROOT, "task-%05d", index));
        if (!Files.isDirectory(task)) return null;
        try (Stream<Path> files = Files.walk(task)) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            if (regular.size() != 1) throw new IOException(task + " holds " + regular.size() + " files, expected the one output " + OUTPUT);
            // Bytes, not readString: a cheater's output need not be valid UTF-8.
            return new String(Files.readAllBytes(regular.getFirst()), StandardCharsets.UTF_8);
        }
    }
}
