package org.gridmint.core;

import java.math.BigDecimal;
import java.util.List;
import org.gridmint.core.spec.JobSpecDraft;
import org.gridmint.core.spec.JobSpecDraft.ResourcesDraft;

/** Builds a {@link JobSpecDraft}; start from {@link CoreFixtures#draft()}. Unset fields stay null, as a user left them out. */
public final class DraftFixture {
    private String name = "render";
    private String runtime;
    private List<String> command = List.of("sh", "-c", "echo hi");
    private Integer tasks;
    private List<List<String>> args;
    private List<String> files;
    private List<String> outputs;
    private ResourcesDraft resources;
    private BigDecimal maxPrice;
    private String timeout;
    private Integer retries;
    private List<String> regions;
    private Boolean network;
    private JobSpecDraft.CheckpointDraft checkpoint;
    private JobSpecDraft.SpeculationDraft speculation;
    private JobSpecDraft.VerifyDraft verify;
    private BigDecimal minStake;
    private String model;
    private String input;
    private Integer shard;
    private String textField;
    private Integer items;

    DraftFixture() {}

    public DraftFixture withName(String name) {
        this.name = name;
        return this;
    }

    public DraftFixture withRuntime(String runtime) {
        this.runtime = runtime;
        return this;
    }

    public DraftFixture withCommand(List<String> command) {
        this.command = command;
        return this;
    }

    public DraftFixture withTasks(Integer tasks) {
        this.tasks = tasks;
        return this;
    }

    public DraftFixture withArgs(List<List<String>> args) {
        this.args = args;
        return this;
    }

    public DraftFixture withFiles(String... files) {
        this.files = List.of(files);
        return this;
    }

    public DraftFixture withOutputs(String... outputs) {
        this.outputs = List.of(outputs);
        return this;
    }

    public DraftFixture withResources(Integer cpu, Long memoryMb, Integer gpus, String gpuModel, Long minGpuMemoryMb) {
        this.resources = new ResourcesDraft(cpu, memoryMb, gpus, gpuModel, minGpuMemoryMb);
        return this;
    }

    public DraftFixture withMaxPrice(String credits) {
        this.maxPrice = new BigDecimal(credits);
        return this;
    }

    public DraftFixture withTimeout(String timeout) {
        this.timeout = timeout;
        return this;
    }

    public DraftFixture withRetries(Integer retries) {
        this.retries = retries;
        return this;
    }

    public DraftFixture withRegions(String... regions) {
        this.regions = List.of(regions);
        return this;
    }

    public DraftFixture withNetwork(Boolean network) {
        this.network = network;
        return this;
    }

    public DraftFixture withCheckpointInterval(String interval) {
        this.checkpoint = new JobSpecDraft.CheckpointDraft(interval);
        return this;
    }

    public DraftFixture withSpeculation(Boolean enabled, String slowdown, Integer maxBackups) {
        this.speculation = new JobSpecDraft.SpeculationDraft(enabled, slowdown == null ? null : new java.math.BigDecimal(slowdown), maxBackups);
        return this;
    }

    public DraftFixture withVerify(JobSpecDraft.VerifyDraft verify) {
        this.verify = verify;
        return this;
    }

    /** {@code verify: POLICY}, the short form. */
    public DraftFixture withVerify(String policy) {
        this.verify = JobSpecDraft.VerifyDraft.ofPolicy(policy);
        return this;
    }

    public DraftFixture withMinStake(String credits) {
        this.minStake = credits == null ? null : new BigDecimal(credits);
        return this;
    }

    /** An embed job's draft: {@code runtime: embed} with this model and input, and no command. */
    public DraftFixture embedding(String model, String input) {
        this.runtime = "embed";
        this.command = null;
        this.model = model;
        this.input = input;
        return this;
    }

    public DraftFixture withModel(String model) {
        this.model = model;
        return this;
    }

    public DraftFixture withInput(String input) {
        this.input = input;
        return this;
    }

    public DraftFixture withShard(Integer shard) {
        this.shard = shard;
        return this;
    }

    public DraftFixture withTextField(String textField) {
        this.textField = textField;
        return this;
    }

    /** The input's item count, as the coordinator sets it. */
    public DraftFixture withItems(Integer items) {
        this.items = items;
        return this;
    }

    public JobSpecDraft build() {
        return new JobSpecDraft(name, runtime, command, tasks, args, files, outputs, resources, maxPrice, timeout, retries, regions, network,
                checkpoint, speculation, verify, minStake, model, input, shard, textField, items);
    }
}
