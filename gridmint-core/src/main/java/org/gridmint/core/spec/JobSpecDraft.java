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
        CheckpointDraft checkpoint,
        SpeculationDraft speculation) {

    /** A draft without a speculation block. */
    public JobSpecDraft(String name, String runtime, List<String> command, Integer tasks, List<List<String>> args, List<String> files,
                        List<String> outputs, ResourcesDraft resources, BigDecimal maxPrice, String timeout, Integer retries, List<String> regions,
                        Boolean network, CheckpointDraft checkpoint) {
        this(name, runtime, command, tasks, args, files, outputs, resources, maxPrice, timeout, retries, regions, network, checkpoint, null);
    }

    /** The checkpoint block as written: {@code checkpoint: {interval: 30s}}. */
    public record CheckpointDraft(String interval) {}

    /** The speculation block as written: {@code speculation: {slowdown: 2.0, maxBackups: 2}} or {@code {enabled: false}}. */
    public record SpeculationDraft(Boolean enabled, BigDecimal slowdown, Integer maxBackups) {}

    /** The resources block as written. */
    public record ResourcesDraft(Integer cpu, Long memoryMb, Integer gpus, String gpuModel, Long minGpuMemoryMb) {}
}
