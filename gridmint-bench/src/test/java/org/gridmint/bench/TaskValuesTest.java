package org.gridmint.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskValuesTest {
    @TempDir Path dir;

    @Test
    void theTaskScript_writesTheReferenceValue_forSmallAndLargeIndexes() throws Exception {
        for (int index : List.of(0, 1, 99_999)) {
            List<String> command = TaskValues.spec("t", 100_000, 42, 0, "none").command();
            Path work = Files.createDirectories(dir.resolve("task-" + index));
            ProcessBuilder b = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
            b.environment().put("GRIDMINT_TASK_INDEX", String.valueOf(index));
            Process p = b.start();
            assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
            assertThat(Files.readString(work.resolve(TaskValues.OUTPUT)).strip()).isEqualTo(TaskValues.expected(index, 42));
        }
    }

    @Test
    void output_readsTheTasksOneFile_andIsNullForATaskWithoutOutput() throws Exception {
        Files.createDirectories(dir.resolve("task-00003/out"));
        Files.write(dir.resolve("task-00003/out/value.txt"), new byte[] {'1', '2', (byte) 0xff, '\n'});
        assertThat(TaskValues.output(dir, 3)).startsWith("12");
        assertThat(TaskValues.output(dir, 4)).isNull();
    }

    @Test
    void spec_isTheSameForBothJobs_butItsVerifyPolicy() {
        var none = TaskValues.spec("a", 10, 1, 200, "none");
        var adaptive = TaskValues.spec("a", 10, 1, 200, "adaptive");
        assertThat(none.withVerify(adaptive.verify())).isEqualTo(adaptive);
        assertThat(none.speculation().enabled()).isFalse();
    }
}
