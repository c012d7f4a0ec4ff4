package org.gridmint.core.spec;

import java.math.BigDecimal;
import java.util.List;

/**
 * A job spec as the user wrote it (YAML or JSON), before validation: every field may be missing.
 * {@link JobSpecValidator} turns it into a {@link JobSpec} or lists every problem by field.
 *
 * <p>The last five keys are for {@code runtime: embed}: {@code model}, {@code input} (the input file's name),
 * {@code shard} (items per task), {@code textField} (JSON Lines input only) and {@code items}. {@code items} is not the
 * client's to say: the coordinator counts the items of the uploaded input and sets it ({@link #withItems}), replacing
 * whatever the client sent; a draft that has not been through the coordinator validates as one task.
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
        SpeculationDraft speculation,
        VerifyDraft verify,
        BigDecimal minStake,
        String model,
        String input,
        Integer shard,
        String textField,
        Integer items) {

    /** A draft without the embed runtime's keys (the form before the embed runtime existed). */
    public JobSpecDraft(String name, String runtime, List<String> command, Integer tasks, List<List<String>> args, List<String> files,
                        List<String> outputs, ResourcesDraft resources, BigDecimal maxPrice, String timeout, Integer retries, List<String> regions,
                        Boolean network, CheckpointDraft checkpoint, SpeculationDraft speculation, VerifyDraft verify, BigDecimal minStake) {
        this(name, runtime, command, tasks, args, files, outputs, resources, maxPrice, timeout, retries, regions, network, checkpoint, speculation,
                verify, minStake, null, null, null, null, null);
    }

    /** A draft without a verify key or a minimum stake. */
    public JobSpecDraft(String name, String runtime, List<String> command, Integer tasks, List<List<String>> args, List<String> files,
                        List<String> outputs, ResourcesDraft resources, BigDecimal maxPrice, String timeout, Integer retries, List<String> regions,
                        Boolean network, CheckpointDraft checkpoint, SpeculationDraft speculation) {
        this(name, runtime, command, tasks, args, files, outputs, resources, maxPrice, timeout, retries, regions, network, checkpoint, speculation,
                null, null);
    }

    /** A draft without a speculation block. */
    public JobSpecDraft(String name, String runtime, List<String> command, Integer tasks, List<List<String>> args, List<String> files,
                        List<String> outputs, ResourcesDraft resources, BigDecimal maxPrice, String timeout, Integer retries, List<String> regions,
                        Boolean network, CheckpointDraft checkpoint) {
        this(name, runtime, command, tasks, args, files, outputs, resources, maxPrice, timeout, retries, regions, network, checkpoint, null, null, null);
    }

    /** A copy of this draft with another verify key (null: none written). */
    public JobSpecDraft withVerify(VerifyDraft verify) {
        return new JobSpecDraft(name, runtime, command, tasks, args, files, outputs, resources, maxPrice, timeout, retries, regions, network, checkpoint,
                speculation, verify, minStake, model, input, shard, textField, items);
    }

    /** A copy of this draft with another minimum stake (null: none written). */
    public JobSpecDraft withMinStake(BigDecimal minStake) {
        return new JobSpecDraft(name, runtime, command, tasks, args, files, outputs, resources, maxPrice, timeout, retries, regions, network, checkpoint,
                speculation, verify, minStake, model, input, shard, textField, items);
    }

    /** A copy of this draft with the input's item count, as the coordinator counted it (null: not counted). */
    public JobSpecDraft withItems(Integer items) {
        return new JobSpecDraft(name, runtime, command, tasks, args, files, outputs, resources, maxPrice, timeout, retries, regions, network, checkpoint,
                speculation, verify, minStake, model, input, shard, textField, items);
    }

    /**
     * The verify key as written: {@code verify: adaptive} (policy only) or an object such as
     * {@code {replicas: 3, quorum: 2}}, {@code {spotCheck: 0.05}}, {@code {policy: adaptive, compare: {format: npy}}}.
     */
    public record VerifyDraft(String policy, Integer replicas, Integer quorum, BigDecimal spotCheck, CompareDraft compare) {
        /** {@code verify: adaptive}: a policy named alone. */
        public static VerifyDraft ofPolicy(String policy) {
            return new VerifyDraft(policy, null, null, null, null);
        }
    }

    /** The compare block as written: {@code {format: npy, relative: 1e-4, absolute: 1e-6}} or {@code {format: f32le, cosine: 0.9999}}. */
    public record CompareDraft(String format, BigDecimal absolute, BigDecimal relative, BigDecimal cosine) {}

    /** The checkpoint block as written: {@code checkpoint: {interval: 30s}}. */
    public record CheckpointDraft(String interval) {}

    /** The speculation block as written: {@code speculation: {slowdown: 2.0, maxBackups: 2}} or {@code {enabled: false}}. */
    public record SpeculationDraft(Boolean enabled, BigDecimal slowdown, Integer maxBackups) {}

    /** The resources block as written. */
    public record ResourcesDraft(Integer cpu, Long memoryMb, Integer gpus, String gpuModel, Long minGpuMemoryMb) {}
}
