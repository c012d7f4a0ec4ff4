package org.gridmint.provider.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;
import org.gridmint.api.BlobRef;
import org.gridmint.provider.testing.MemoryBlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointerTest {
    @TempDir
    Path tmp;

    final MemoryBlobStore blobs = new MemoryBlobStore();
    final List<Long> reported = new CopyOnWriteArrayList<>();

    private Checkpointer checkpointer(Path dir, CheckpointSink sink) {
        return new Checkpointer("att-1", dir, tmp.resolve("scratch"), 60_000, blobs, sink);
    }

    @Test
    void checkpoint_uploadsOnlyWhenTheDirChanged_sinceTheBaseline() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("ckpt"));
        Checkpointer c = checkpointer(dir, (blob, ms) -> reported.add(ms));
        c.baseline();

        assertThat(c.checkpoint(10)).as("empty as at the start").isFalse();
        Files.writeString(dir.resolve("n"), "1");
        assertThat(c.checkpoint(20)).isTrue();
        assertThat(c.checkpoint(30)).as("unchanged").isFalse();
        Files.writeString(dir.resolve("n"), "2");
        assertThat(c.checkpoint(40)).isTrue();

        assertThat(reported).containsExactly(20L, 40L);
        assertThat(Files.list(tmp.resolve("scratch"))).as("no zips left behind").isEmpty();
    }

    @Test
    void checkpoint_whoseReportFailed_isTriedAgainNextTime_andNeverThrows() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("ckpt"));
        boolean[] fail = {true};
        Checkpointer c = checkpointer(dir, (blob, ms) -> {
            if (fail[0]) throw new IllegalStateException("coordinator away");
            reported.add(ms);
        });
        c.baseline();
        Files.writeString(dir.resolve("n"), "1");

        assertThat(c.checkpoint(10)).isFalse();
        fail[0] = false;
        assertThat(c.checkpoint(20)).isTrue();
        assertThat(reported).containsExactly(20L);
    }

    @Test
    void pack_isDeterministic_andExtractRestoresFilesAndEmptyDirs() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("a"));
        Files.createDirectories(dir.resolve("sub/empty"));
        Files.writeString(dir.resolve("sub/x.txt"), "x");
        Files.writeString(dir.resolve("n"), "42");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("/etc/hostname"));
        Path z1 = tmp.resolve("1.zip");
        Path z2 = tmp.resolve("2.zip");

        CheckpointArchive.pack(dir, z1);
        Files.setLastModifiedTime(dir.resolve("n"), java.nio.file.attribute.FileTime.fromMillis(0));
        CheckpointArchive.pack(dir, z2);
        Path out = tmp.resolve("out");
        CheckpointArchive.extract(z1, out);

        assertThat(Files.readAllBytes(z1)).isEqualTo(Files.readAllBytes(z2));
        assertThat(Files.readString(out.resolve("n"))).isEqualTo("42");
        assertThat(Files.readString(out.resolve("sub/x.txt"))).isEqualTo("x");
        assertThat(out.resolve("sub/empty")).isDirectory();
        assertThat(out.resolve("link")).as("links are not followed out of the dir").doesNotExist();
    }

    @Test
    void extract_refusesEntriesThatEscapeTheDir_andWritesNothing() throws Exception {
        Path zip = tmp.resolve("evil.zip");
        try (OutputStream o = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry("ok.txt"));
            z.write('1');
            z.putNextEntry(new ZipEntry("../escaped.txt"));
            z.write('2');
        }
        Path out = tmp.resolve("out");

        assertThatThrownBy(() -> CheckpointArchive.extract(zip, out)).isInstanceOf(ZipException.class).hasMessageContaining("../escaped.txt");
        assertThat(out).doesNotExist();
        assertThat(tmp.resolve("escaped.txt")).doesNotExist();
    }

    static BlobRef zipOf(MemoryBlobStore blobs, Path tmp, String file, String content) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "src");
        Files.writeString(dir.resolve(file), content);
        Path zip = tmp.resolve(dir.getFileName() + ".zip");
        CheckpointArchive.pack(dir, zip);
        return blobs.put("checkpoint.zip", zip);
    }
}
