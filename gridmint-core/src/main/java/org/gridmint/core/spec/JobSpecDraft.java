package org.gridmint.core.spec;

import java.math.BigDecimal;
import java.util.List;

/**
 * A job spec as the user wrote it (YAML or JSON), before validation: every field may be missing.
 * {@link JobSpecValidator} turns it into a {@link JobSpec} or lists every problem by field.
 */
public record JobSpecDraft(
        String name,
        String runtime,
        List<String> command,
        Integer tasks,
        List<List<String>> args,
        List<String> files,
        List<String> outputs,
        ResourcesDraft resources,
        BigDecimal maxPrice,
        String timeout,
        Integer retries,
        List<String> regions,
        Boolean network,
        CheckpointDraft checkpoint) {

    /** The checkpoint block as written: {@code checkpoint: {interval: 30s}}. */
    public record CheckpointDraft(String interval) {}

    /** The resources block as written. */
    public record ResourcesDraft(Integer cpu, Long memoryMb, Integer gpus, String gpuModel, Long minGpuMemoryMb) {}
}
