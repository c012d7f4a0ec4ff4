package org.gridmint.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.gridmint.cli.Cli;
import org.gridmint.client.fake.FakeCoordinator;
import org.gridmint.client.fake.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small job commands: logs, results, cancel, list. */
class JobCommandsTest {
    private final FakeCoordinator fake = new FakeCoordinator().job(Fixtures.uniform("job-5", "SUCCEEDED", 2, "SUCCEEDED"));
    @TempDir Path tmp;

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void logs_printsAllTasksLogs_orOneTasksWithTask() {
        fake.logs("job-5", null, "[task 0] hi\n[task 1] ho\n").logs("job-5", 1, "ho");

        assertThat(Cli.against(fake.url(), "job", "logs", "job-5").out()).isEqualTo("[task 0] hi\n[task 1] ho\n");
        Cli.Result one = Cli.against(fake.url(), "job", "logs", "job-5", "--task", "1");
        assertThat(one.out()).isEqualTo("ho" + System.lineSeparator());
        assertThat(fake.requests().getLast().query()).isEqualTo("task=1");
    }

    @Test
    void logs_rejectsANegativeOrNonNumericTask() {
        Cli.Result negative = Cli.against(fake.url(), "job", "logs", "job-5", "--task", "-1");
        Cli.Result word = Cli.against(fake.url(), "job", "logs", "job-5", "--task", "first");

        assertThat(negative.exit()).isEqualTo(2);
        assertThat(negative.err()).contains("--task must be 0 or more");
        assertThat(word.exit()).isEqualTo(2);
        assertThat(word.err()).contains("'first' is not an int");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void results_extractsTheArchive_andPrintsEachFile() throws IOException {
        fake.archive("job-5", zip("task-00000/out/a.txt", "0", "task-00001/out/a.txt", "1"));
        Path dir = tmp.resolve("res");

        Cli.Result r = Cli.against(fake.url(), "job", "results", "job-5", "-o", dir.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out().lines()).containsExactly(dir.resolve("task-00000/out/a.txt").toString(), dir.resolve("task-00001/out/a.txt").toString());
        assertThat(r.err()).contains("wrote 2 files under " + dir);
        assertThat(dir.resolve("task-00001/out/a.txt")).hasContent("1");
    }

    @Test
    void results_refusesAnArchiveEscapingTheDirectory() throws IOException {
        fake.archive("job-5", zip("../../escaped.txt", "x"));

        Cli.Result r = Cli.against(fake.url(), "job", "results", "job-5", "-o", tmp.resolve("res").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("refusing archive entry '../../escaped.txt'").doesNotContain("\tat ");
    }

    @Test
    void results_requiresTheOutputDirectory() {
        Cli.Result r = Cli.against(fake.url(), "job", "results", "job-5");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required option: '--output=DIR'");
    }

    @Test
    void cancel_printsTheJobsNewState() {
        Cli.Result r = Cli.against(fake.url(), "job", "cancel", "job-5");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("job-5 CANCELLED" + System.lineSeparator());
    }

    @Test
    void list_printsATableOfJobs() {
        Cli.Result r = Cli.against(fake.url(), "job", "list");

        assertThat(r.exit()).isZero();
        assertThat(r.out().lines()).containsExactly(
                "ID     NAME  STATE      DONE  CREATED (UTC)        OWNER",
                "job-5  demo  SUCCEEDED   2/2  2026-11-03 12:00:00  alice");
    }

    @Test
    void list_withNoJobs_printsNothingOnStdout() {
        try (FakeCoordinator empty = new FakeCoordinator()) {
            Cli.Result r = Cli.against(empty.url(), "job", "list");

            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("no jobs yet");
        }
    }

    static byte[] zip(String... namesAndContents) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var z = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                z.putNextEntry(new ZipEntry(namesAndContents[i]));
                z.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
