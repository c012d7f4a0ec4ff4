package org.gridmint.provider.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TailLogTest {
    @TempDir
    Path dir;

    @Test
    void finish_underTheCap_keepsEverything() throws Exception {
        TailLog log = new TailLog(dir.resolve("stdout"), 100);
        log.write("hello\n".getBytes(StandardCharsets.UTF_8), 0, 6);

        assertThat(log.finish()).hasContent("hello");
        try (var s = Files.list(dir)) {
            assertThat(s).containsExactly(dir.resolve("stdout"));
        }
    }

    @Test
    void finish_overTheCap_keepsTheTailAndSaysWhatWasDropped() throws Exception {
        TailLog log = new TailLog(dir.resolve("stdout"), 100);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            byte[] line = (i + "\n").getBytes(StandardCharsets.UTF_8);
            all.append(i).append('\n');
            log.write(line, 0, line.length);
        }

        String kept = Files.readString(log.finish());

        String header = kept.lines().findFirst().orElseThrow();
        String tail = kept.substring(header.length() + 1);
        assertThat(header).startsWith("[gridmint: the first ").contains("bytes of this log were dropped");
        assertThat(tail.length()).isBetween(50, 100);
        assertThat(all.toString()).endsWith(tail);
        assertThat(log.totalBytes()).isEqualTo(all.length());
    }
}
