package org.gridmint.core.spec;

import java.time.Duration;
import java.util.List;
import org.gridmint.core.money.Credits;

/**
 * A validated job: what to run, how many times, with which files and outputs, under which constraints.
 * Only {@link JobSpecValidator} makes one from a user's document; every field here is already checked.
 *
 * @param taskArgs per-task arguments appended to {@code command}; empty lists when the spec gave a count
 * @param files the names of the files staged into every task's work dir (the client uploads them)
 * @param outputs globs, relative to the work dir, collected after the command exits
 * @param maxPrice the most the client pays per hour of one task's run
 * @param retries how many failed attempts a task may have before it fails
 * @param regions allowed provider regions; empty means any
 * @param network whether the task may reach the network from the sandbox
 * @param checkpointInterval how often the agent saves an exec task's checkpoint dir; null: the job does not checkpoint
 * @param speculation when its stragglers get backups
 * @param verify how its results are verified before they are paid
 * @param minStake the least a provider must have staked to run its tasks; null: no minimum
 * @param embed for {@link Runtime#EMBED}: its model, input and shards (one task per shard, no command); null for exec
 */
public record JobSpec(
        String name,
        Runtime runtime,
        List<String> command,
        List<List<String>> taskArgs,
        List<String> files,
        List<String> outputs,
        Resources resources,
        Credits maxPrice,
        Duration timeout,
        int retries,
        List<String> regions,
        boolean network,
        Duration checkpointInterval,
        SpeculationSpec speculation,
        VerifySpec verify,
        Credits minStake,
        EmbedSpec embed) {

    /** An exec job (no embed part). */
    public JobSpec(String name, Runtime runtime, List<String> command, List<List<String>> taskArgs, List<String> files, List<String> outputs,
                   Resources resources, Credits maxPrice, Duration timeout, int retries, List<String> regions, boolean network,
                   Duration checkpointInterval, SpeculationSpec speculation, VerifySpec verify, Credits minStake) {
        this(name, runtime, command, taskArgs, files, outputs, resources, maxPrice, timeout, retries, regions, network, checkpointInterval,
                speculation, verify, minStake, null);
    }

    /** A job from before verification: {@code verify: none}, no minimum stake. */
    public JobSpec(String name, Runtime runtime, List<String> command, List<List<String>> taskArgs, List<String> files, List<String> outputs,
                   Resources resources, Credits maxPrice, Duration timeout, int retries, List<String> regions, boolean network,
                   Duration checkpointInterval, SpeculationSpec speculation) {
        this(name, runtime, command, taskArgs, files, outputs, resources, maxPrice, timeout, retries, regions, network, checkpointInterval,
                speculation, VerifySpec.NONE, null);
    }

    public JobSpec {
        if (speculation == null) speculation = SpeculationSpec.DEFAULT;
        if (verify == null) verify = VerifySpec.NONE;
        if (minStake != null && minStake.micros() <= 0) throw new IllegalArgumentException("minStake must be more than 0 (null: none), was " + minStake);
        command = List.copyOf(command);
        taskArgs = taskArgs.stream().map(List::copyOf).toList();
        files = List.copyOf(files);
        outputs = List.copyOf(outputs);
        regions = List.copyOf(regions);
        if (taskArgs.isEmpty()) throw new IllegalArgumentException("a job has at least one task");
        if ((runtime == Runtime.EMBED) != (embed != null))
            throw new IllegalArgumentException("an embed job, and only one, has an embed part; runtime " + runtime + ", embed " + embed);
        if (embed != null && taskArgs.size() != embed.taskCount())
            throw new IllegalArgumentException("an embed job has one task per shard (" + embed.taskCount() + "), was " + taskArgs.size());
    }

    /** A copy of this spec with another verification policy. */
    public JobSpec withVerify(VerifySpec verify) {
        return new JobSpec(name, runtime, command, taskArgs, files, outputs, resources, maxPrice, timeout, retries, regions, network,
                checkpointInterval, speculation, verify, minStake, embed);
    }

    /** A copy of this spec with another minimum stake (null: none). */
    public JobSpec withMinStake(Credits minStake) {
        return new JobSpec(name, runtime, command, taskArgs, files, outputs, resources, maxPrice, timeout, retries, regions, network,
                checkpointInterval, speculation, verify, minStake, embed);
    }

    /** Whether it embeds texts with a model ({@code runtime: embed}) rather than running a command. */
    public boolean embeds() {
        return embed != null;
    }

    public boolean checkpoints() {
        return checkpointInterval != null;
    }

    public int taskCount() {
        return taskArgs.size();
    }

    /** The full command line of task {@code index}: the command followed by that task's arguments. */
    public List<String> commandFor(int index) {
        if (taskArgs.get(index).isEmpty()) return command;
        var all = new java.util.ArrayList<>(command);
        all.addAll(taskArgs.get(index));
        return List.copyOf(all);
    }
}
