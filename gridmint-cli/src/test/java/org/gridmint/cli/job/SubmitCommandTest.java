package org.gridmint.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gridmint.cli.Cli;
import org.gridmint.client.fake.FakeCoordinator;
import org.gridmint.client.fake.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmitCommandTest {
    private final FakeCoordinator fake = new FakeCoordinator();
    @TempDir Path tmp;

    @AfterEach
    void stop() {
        fake.close();
    }

    private Path spec(String yaml) throws IOException {
        return Files.writeString(tmp.resolve("job.yaml"), yaml);
    }

    @Test
    void submit_printsTheJobIdAloneOnTheFirstLine_andDetailsOnStderr() throws IOException {
        Files.writeString(tmp.resolve("in.txt"), "hello");
        Path spec = spec("name: greet\ncommand: [cat, in.txt]\ntasks: 4\nfiles: [in.txt]\n");

        Cli.Result r = Cli.against(fake.url(), "job", "submit", spec.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("job-1" + System.lineSeparator());
        assertThat(r.err()).contains("submitted job-1 (greet), 4 tasks").contains("gridmint job watch job-1");
        assertThat(fake.submissions()).singleElement().satisfies(s -> assertThat(s.files()).extracting(b -> b.name()).containsExactly("in.txt"));
    }

    @Test
    void submit_ofAnEmbedJob_uploadsItsInputUnderItsName() throws IOException {
        Files.writeString(tmp.resolve("corpus.txt"), "one\ntwo\n");
        Path spec = spec("name: vectors\nruntime: embed\nmodel: all-minilm-l6-v2-q\ninput: corpus.txt\nshard: 1\n");

        Cli.Result r = Cli.against(fake.url(), "job", "submit", spec.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(fake.submissions()).singleElement().satisfies(s -> {
            assertThat(s.spec().input()).isEqualTo("corpus.txt");
            assertThat(s.files()).extracting(b -> b.name()).containsExactly("corpus.txt");
        });
    }

    @Test
    void submit_ofAnEmbedJobWithoutItsInputFile_namesInput_andSendsNothing() throws IOException {
        Path spec = spec("name: vectors\nruntime: embed\nmodel: all-minilm-l6-v2-q\ninput: missing.txt\n");

        Cli.Result r = Cli.against(fake.url(), "job", "submit", spec.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("input: no such file: 'missing.txt'");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void invalidSpec_listsEveryFieldProblem_andSubmitsNothing() throws IOException {
        Path spec = spec("tasks: 0\nretries: -1\ntimeout: forever\n");

        Cli.Result r = Cli.against(fake.url(), "job", "submit", spec.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: invalid job spec " + spec + ":")
                .contains("\n  - name: is required").contains("\n  - command: is required").contains("\n  - tasks: must be between")
                .contains("\n  - retries: must be between").contains("\n  - timeout: not a duration").doesNotContain("\tat ");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void malformedSpec_namesTheLineOrField() throws IOException {
        Path spec = spec("name: a\ncommand: [true]\nbogus: 1\n");

        Cli.Result r = Cli.against(fake.url(), "job", "submit", spec.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("unknown field 'bogus'");
    }

    @Test
    void missingListedFile_isReportedBeforeAnyUpload() throws IOException {
        Path spec = spec("name: a\ncommand: [true]\nfiles: [data/missing.bin]\n");

        Cli.Result r = Cli.against(fake.url(), "job", "submit", spec.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("files[0]: no such file: 'data/missing.bin'");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void missingSpecFile_saysWhichPath() {
        Cli.Result r = Cli.against(fake.url(), "job", "submit", tmp.resolve("nope.yaml").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no such spec file").contains("nope.yaml");
    }

    @Test
    void submitWithWatch_keepsTheIdFirst_andExitsWithTheJobsOutcome() throws IOException {
        Path spec = spec("name: a\ncommand: [\"true\"]\ntasks: 2\n");
        // The fake names the first job job-1; script its life before it is submitted.
        fake.script("job-1", Fixtures.uniform("job-1", "RUNNING", 2, "RUNNING"), Fixtures.uniform("job-1", "CANCELLED", 2, "CANCELLED"));

        Cli.Result r = Cli.against(fake.url(), "job", "submit", spec.toString(), "--watch", "--interval", "10ms");

        assertThat(r.firstLine()).isEqualTo("job-1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("job-1 CANCELLED");
    }
}
