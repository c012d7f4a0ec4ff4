package org.gridmint.provider.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxesTest {
    @TempDir
    Path dir;

    @Test
    void choose_withoutBubblewrap_refusesUnlessUnsandboxedRunsAreAllowed() {
        assertThatThrownBy(() -> Sandboxes.choose(Optional.empty(), false, Limiters.NONE))
                .isInstanceOf(SandboxUnavailableException.class)
                .hasMessageContaining("bwrap").hasMessageContaining("--allow-unsandboxed");

        Sandbox s = Sandboxes.choose(Optional.empty(), true, Limiters.NONE);

        assertThat(s).isInstanceOf(UnsandboxedRunner.class);
        assertThat(s.isolating()).isFalse();
    }

    @Test
    void choose_whenBubblewrapCannotCreateNamespaces_treatsItAsMissing() throws Exception {
        Path broken = dir.resolve("bwrap");
        Files.writeString(broken, "#!/bin/sh\necho 'bwrap: No permissions to creating new namespace' >&2\nexit 1\n");
        Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatThrownBy(() -> Sandboxes.choose(Optional.of(broken), false, Limiters.NONE))
                .hasMessageContaining("No permissions to creating new namespace");
    }
}
