package org.gridmint.provider.runtime;

import java.nio.file.Path;
import org.gridmint.api.BlobRef;

/** Where the runtime gets job files and puts results: the coordinator's blob store, or a fake in tests. */
public interface BlobStore {

    /** Writes the blob {@code sha256} to {@code target}; the caller verifies the digest. Throws on any failure. */
    void fetch(String sha256, Path target);

    /** Uploads {@code file} and returns its reference, named {@code name}. Throws on any failure. */
    BlobRef put(String name, Path file);
}
