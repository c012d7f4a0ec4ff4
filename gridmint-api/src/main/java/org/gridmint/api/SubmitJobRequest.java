package org.gridmint.api;

import java.util.List;
import org.gridmint.core.spec.JobSpecDraft;

/**
 * A client submitting a job: the spec as written, and one uploaded blob for each of the spec's files
 * (named by the file's base name).
 */
public record SubmitJobRequest(JobSpecDraft spec, List<BlobRef> files) {}
