package org.gridmint.provider.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputCollectorTest {
    @TempDir
    Path work;

    @Test
    void collect_doubleStarMatchesAtAnyDepth_theTopIncluded() throws Exception {
        Files.writeString(work.resolve("top.csv"), "1");
        Files.createDirectories(work.resolve("a/b"));
        Files.writeString(work.resolve("a/b/deep.csv"), "2");

        assertThat(OutputCollector.collect(work, List.of("**/*.csv")).keySet()).containsExactly("a/b/deep.csv", "top.csv");
    }

    @Test
    void collect_ignoresSymbolicLinks_soATaskCannotExfiltrateHostFiles() throws Exception {
        Files.createSymbolicLink(work.resolve("passwd.txt"), Path.of("/etc/passwd"));

        assertThatThrownBy(() -> OutputCollector.collect(work, List.of("*.txt")))
                .isInstanceOf(OutputCollector.MissingOutputException.class).hasMessageContaining("*.txt");
    }

    @Test
    void collect_listsEachFileOnce_evenWhenSeveralGlobsMatchIt() throws Exception {
        Files.writeString(work.resolve("result.json"), "{}");

        assertThat(OutputCollector.collect(work, List.of("*.json", "result.*"))).hasSize(1);
    }
}
