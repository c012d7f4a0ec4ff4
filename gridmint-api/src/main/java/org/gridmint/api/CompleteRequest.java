package org.gridmint.api;

import java.util.List;

/**
 * A provider reporting that an attempt's command exited 0 and its outputs are uploaded.
 *
 * @param outputs the collected output files, already uploaded as blobs, named by their path in the work dir
 * @param stdout the captured standard output, uploaded as a blob; null if none was captured
 */
public record CompleteRequest(String providerId, int exitCode, List<BlobRef> outputs, BlobRef stdout, BlobRef stderr, long runtimeMillis) {}
