package org.gridmint.api.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.zip.ZipException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeUnzipTest {
    private final Path root = Path.of("/tmp/results").toAbsolutePath();

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/../../x", "/etc/passwd", "a\\..\\x", "C:/x", "", ".", "a/.."})
    void target_refusesEntriesOutsideTheDir(String name) {
        assertThatThrownBy(() -> SafeUnzip.target(root, name)).isInstanceOf(ZipException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"task-00000/out.txt", "task-00001/a/b/c.bin", "task-00002/./x", "task-00003/a/../b"})
    void target_placesPlainEntriesUnderTheDir(String name) throws ZipException {
        assertThat(SafeUnzip.target(root, name).startsWith(root)).isTrue();
    }
}
