package org.gridmint.core.verify;

/**
 * How the {@link Comparator} reads an output file's bytes by its SHA-256, for numeric comparisons. The coordinator
 * reads its blob store; tests and the simulator hold bytes in memory. A failure to read is the caller's storage
 * failing, not a provider's fault, so it propagates as an exception and is never taken for a disagreement.
 */
@FunctionalInterface
public interface BlobBytes {
    byte[] read(String sha256);
}
