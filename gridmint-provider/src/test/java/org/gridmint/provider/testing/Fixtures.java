package org.gridmint.provider.testing;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridmint.api.Assignment;
import org.gridmint.api.BlobRef;
import org.gridmint.api.ResourcesView;

/** Valid assignments for tests, changed with withers so a test states only what differs. */
public final class Fixtures {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Fixtures() {}

    /** A one-task job that runs {@code sh -c script}, with a fresh attempt id. */
    public static AssignmentBuilder assignment(String script) {
        return new AssignmentBuilder().withCommand(List.of("sh", "-c", script));
    }

    /** A one-task {@code embed} job: embed the texts of {@code shard} (a blob named shard.jsonl) with {@code model}. */
    public static AssignmentBuilder embed(String model, BlobRef shard) {
        return new AssignmentBuilder().withCommand(List.of()).withRuntime("embed", model).withFiles(shard).withOutputs("embeddings.npy");
    }

    /** Builds {@link Assignment}s; every field has a valid default. */
    public static final class AssignmentBuilder {
        private String attemptId = "att-" + SEQ.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
        private String jobId = "job-1";
        private int taskIndex = 0;
        private int taskCount = 1;
        private List<String> command = List.of("true");
        private List<BlobRef> files = List.of();
        private List<String> outputs = List.of();
        private ResourcesView resources = new ResourcesView(1, 256, 0, null, 0);
        private long timeoutMillis = 120_000;
        private boolean network;
        private long heartbeatIntervalMillis = 200;
        private long checkpointIntervalMillis;
        private BlobRef checkpoint;
        private String runtime = "exec";
        private String model;

        public AssignmentBuilder withAttemptId(String v) { attemptId = v; return this; }
        public AssignmentBuilder withJobId(String v) { jobId = v; return this; }
        public AssignmentBuilder withTask(int index, int count) { taskIndex = index; taskCount = count; return this; }
        public AssignmentBuilder withCommand(List<String> v) { command = v; return this; }
        public AssignmentBuilder withFiles(BlobRef... v) { files = List.of(v); return this; }
        public AssignmentBuilder withOutputs(String... v) { outputs = List.of(v); return this; }
        public AssignmentBuilder withResources(ResourcesView v) { resources = v; return this; }
        public AssignmentBuilder withTimeoutMillis(long v) { timeoutMillis = v; return this; }
        public AssignmentBuilder withNetwork(boolean v) { network = v; return this; }
        public AssignmentBuilder withHeartbeatIntervalMillis(long v) { heartbeatIntervalMillis = v; return this; }
        public AssignmentBuilder withCheckpointIntervalMillis(long v) { checkpointIntervalMillis = v; return this; }
        public AssignmentBuilder withCheckpoint(BlobRef v) { checkpoint = v; return this; }
        public AssignmentBuilder withRuntime(String name, String modelName) { runtime = name; model = modelName; return this; }

        public Assignment build() {
            return new Assignment(attemptId, jobId, taskIndex, taskCount, 1, command, files, outputs, resources, timeoutMillis, network,
                    Instant.now().plusSeconds(60), heartbeatIntervalMillis, checkpointIntervalMillis, checkpoint, runtime, model);
        }
    }
}
