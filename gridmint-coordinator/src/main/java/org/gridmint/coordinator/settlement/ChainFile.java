package org.gridmint.coordinator.settlement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.gridmint.api.json.Json;

/**
 * {@code chain.json} in a coordinator's data dir: which contracts on which chain its store settles with, so that a restart
 * attaches to them rather than deploying new ones, and {@code gridmint ledger verify} knows where to look.
 *
 * @param depositsAfter the last block before the contracts existed (deposits are read after it); 0 when unknown
 * @param stableMintable whether this coordinator deployed the stable token itself (a dev chain's test stand-in, which its
 *     operator owns and may mint to back network-issued credits); false for a real stablecoin or contracts it attached to
 */
public record ChainFile(long chainId, String settlement, String stable, String grid, String operator, long depositsAfter, boolean stableMintable) {
    public static final String NAME = "chain.json";

    public ChainFile {
        for (String[] f : new String[][] {{"settlement", settlement}, {"stable", stable}, {"grid", grid}, {"operator", operator}})
            if (f[1] == null || !f[1].matches("0x[0-9a-f]{40}")) throw new IllegalArgumentException(NAME + ": " + f[0] + " is not a lower-case 0x address: " + f[1]);
        if (depositsAfter < 0) throw new IllegalArgumentException(NAME + ": depositsAfter must be >= 0, was " + depositsAfter);
    }

    /** The file in {@code dataDir}, or empty when there is none; a malformed one is an error naming the file. */
    public static Optional<ChainFile> read(Path dataDir) {
        Path file = dataDir.resolve(NAME);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return Optional.of(Json.read(bytes, ChainFile.class));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " is not a valid chain file (" + e.getMessage() + "); restore it, or move it away to deploy "
                    + "new contracts", e);
        }
    }

    /** Writes the file atomically (a temp file moved into place): a crash leaves the old file or the new one, never half of one. */
    public void write(Path dataDir) {
        Path file = dataDir.resolve(NAME);
        Path tmp = dataDir.resolve(NAME + ".tmp");
        try {
            Files.write(tmp, Json.writePretty(this).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
