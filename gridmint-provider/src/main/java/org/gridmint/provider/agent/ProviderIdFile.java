package org.gridmint.provider.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** The provider id the coordinator gave us, kept in {@code <dataDir>/provider-id} so a restart keeps its history. */
public final class ProviderIdFile {
    private final Path file;

    public ProviderIdFile(Path dataDir) {
        this.file = dataDir.resolve("provider-id");
    }

    /** The id kept there; empty when the agent never registered from this data dir. */
    public Optional<String> read() {
        try {
            if (!Files.isRegularFile(file)) return Optional.empty();
            String id = Files.readString(file).strip();
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    void write(String id) {
        try {
            // Written aside and moved, so a crash mid-write cannot leave half an id behind.
            Path tmp = file.resolveSibling("provider-id.tmp");
            Files.writeString(tmp, id + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
