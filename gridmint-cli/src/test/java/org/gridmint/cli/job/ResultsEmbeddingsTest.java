package org.gridmint.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.gridmint.cli.Cli;
import org.gridmint.client.fake.FakeCoordinator;
import org.gridmint.client.fake.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gridmint job results ID --embeddings FILE}: an embed job's vectors in one file, its format from the option or the extension. */
class ResultsEmbeddingsTest {
    private static final byte[] NPY = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final byte[] JSONL = "{\"index\":0,\"id\":\"1\",\"embedding\":[1.0]}\n".getBytes(StandardCharsets.UTF_8);
    private final FakeCoordinator fake = new FakeCoordinator().job(Fixtures.uniform("job-5", "SUCCEEDED", 2, "SUCCEEDED"))
            .embeddings("job-5", "npy", NPY).embeddings("job-5", "jsonl", JSONL);
    @TempDir Path tmp;

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void embeddings_takeTheirFormatFromTheExtension() {
        Path npy = tmp.resolve("vectors.npy");
        Path jsonl = tmp.resolve("vectors.JSONL");

        Cli.Result a = Cli.against(fake.url(), "job", "results", "job-5", "--embeddings", npy.toString());
        Cli.Result b = Cli.against(fake.url(), "job", "results", "job-5", "--embeddings", jsonl.toString());

        assertThat(a.exit()).isZero();
        assertThat(a.out()).isEqualTo(npy + System.lineSeparator());
        assertThat(a.err()).contains("wrote the embeddings of job-5 (npy) to " + npy);
        assertThat(npy).hasBinaryContent(NPY);
        assertThat(b.exit()).isZero();
        assertThat(jsonl).hasBinaryContent(JSONL);
        assertThat(fake.requests()).extracting(FakeCoordinator.Request::query).containsExactly("format=npy", "format=jsonl");
    }

    @Test
    void formatOption_overridesTheExtension() {
        Path file = tmp.resolve("vectors.bin");

        Cli.Result r = Cli.against(fake.url(), "job", "results", "job-5", "--embeddings", file.toString(), "--format", "jsonl");

        assertThat(r.exit()).isZero();
        assertThat(file).hasBinaryContent(JSONL);
    }

    @Test
    void badOrMissingFormat_andMixedOptions_areUsageErrors_thatSendNothing() {
        Path bin = tmp.resolve("vectors.bin");

        Cli.Result unknownExtension = Cli.against(fake.url(), "job", "results", "job-5", "--embeddings", bin.toString());
        Cli.Result badFormat = Cli.against(fake.url(), "job", "results", "job-5", "--embeddings", bin.toString(), "--format", "csv");
        Cli.Result both = Cli.against(fake.url(), "job", "results", "job-5", "--embeddings", bin.toString(), "-o", tmp.toString());
        Cli.Result formatAlone = Cli.against(fake.url(), "job", "results", "job-5", "-o", tmp.toString(), "--format", "npy");
        Cli.Result noDir = Cli.against(fake.url(), "job", "results", "job-5", "--embeddings", tmp.resolve("missing/v.npy").toString());

        assertThat(unknownExtension.exit()).isEqualTo(2);
        assertThat(unknownExtension.err()).contains("cannot tell the format of 'vectors.bin'").contains("--format npy|jsonl");
        assertThat(badFormat.exit()).isEqualTo(2);
        assertThat(badFormat.err()).contains("--format must be npy or jsonl, was 'csv'");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("not both");
        assertThat(formatAlone.exit()).isEqualTo(2);
        assertThat(formatAlone.err()).contains("--format is for --embeddings FILE only");
        assertThat(noDir.exit()).isEqualTo(2);
        assertThat(noDir.err()).contains("no such directory");
        assertThat(fake.requests()).isEmpty();
        assertThat(bin).doesNotExist();
    }

    @Test
    void aJobThatCannotAnswer_isAnErrorNamingIt() {
        Cli.Result r = Cli.against(fake.url(), "job", "results", "job-404", "--embeddings", tmp.resolve("v.npy").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("job-404").doesNotContain("\tat ");
        assertThat(tmp.resolve("v.npy")).doesNotExist();
    }

    @Test
    void help_describesTheEmbeddingsOptions() {
        Cli.Result r = Cli.against(fake.url(), "job", "results", "--help");

        assertThat(r.out()).contains("--embeddings=FILE").contains("--format=npy|jsonl").contains("input order");
    }
}
