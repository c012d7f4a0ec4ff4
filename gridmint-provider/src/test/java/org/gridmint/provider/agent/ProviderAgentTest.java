package org.gridmint.provider.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.provider.testing.Fixtures.assignment;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gridmint.api.Assignment;
import org.gridmint.api.BlobRef;
import org.gridmint.api.CompleteRequest;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.provider.hardware.GpuProbe;
import org.gridmint.provider.runtime.StopReason;
import org.gridmint.provider.sandbox.Limiters;
import org.gridmint.provider.sandbox.UnsandboxedRunner;
import org.gridmint.provider.testing.Eventually;
import org.gridmint.provider.testing.MemoryBlobStore;
import org.gridmint.provider.testing.Processes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderAgentTest {
    @TempDir
    Path dataDir;

    FakeCoordinator coordinator;
    final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    final List<ProviderAgent> agents = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startCoordinator() throws Exception {
        coordinator = new FakeCoordinator().start();
    }

    @AfterEach
    void stopEverything() {
        agents.forEach(a -> a.shutdown(Duration.ZERO));
        coordinator.close();
    }

    private ProviderAgent agent(int slots) {
        AgentConfig config = AgentConfig.builder(coordinator.uri(), dataDir).name("test-box").slots(slots).claimWait(Duration.ofSeconds(1))
                .maxBackoff(Duration.ofMillis(200)).killGrace(Duration.ofMillis(500)).build();
        ProviderAgent agent = new ProviderAgent(config, new UnsandboxedRunner(Limiters.NONE), GpuProbe.none());
        agent.addListener(events::add);
        agents.add(agent);
        return agent;
    }

    private ProviderAgent started() {
        ProviderAgent a = agent(1);
        a.start();
        return a;
    }

    @Test
    void agent_registers_heartbeats_uploadsOutputs_andCompletes() throws Exception {
        Assignment task = assignment("printf 'result-%s' $GRIDMINT_TASK_INDEX > answer.txt; echo done").withTask(2, 4).withOutputs("answer.txt").build();
        coordinator.offer(task);

        ProviderAgent agent = started();
        Eventually.await("the completion", () -> coordinator.completed.containsKey(task.attemptId()));

        assertThat(coordinator.registrations).singleElement().satisfies(r -> {
            assertThat(r.providerId()).isNull();
            assertThat(r.name()).isEqualTo("test-box");
            assertThat(r.cpus()).isPositive();
            assertThat(r.sandboxed()).isFalse();
        });
        String providerId = agent.registration().join();
        assertThat(Files.readString(dataDir.resolve("provider-id")).strip()).isEqualTo(providerId);
        assertThat(coordinator.heartbeats).extracting(FakeCoordinator.Beat::attemptId).contains(task.attemptId());
        CompleteRequest done = coordinator.completed.get(task.attemptId());
        assertThat(done.providerId()).isEqualTo(providerId);
        assertThat(done.exitCode()).isZero();
        BlobRef answer = done.outputs().getFirst();
        assertThat(answer.name()).isEqualTo("answer.txt");
        assertThat(answer.sha256()).isEqualTo(MemoryBlobStore.sha256("result-2".getBytes(StandardCharsets.UTF_8)));
        assertThat(coordinator.blobText(answer.sha256())).isEqualTo("result-2");
        assertThat(coordinator.blobText(done.stdout().sha256())).isEqualTo("done\n");
        assertThat(coordinator.blobDigestMismatches).isEmpty();
        Eventually.await("the counters", () -> agent.stats().completed() == 1 && agent.stats().running() == 0);
        assertThat(events).anyMatch(e -> e instanceof AgentEvent.TaskCompleted c && c.accepted());
    }

    @Test
    void agent_stagesJobFilesFromTheCoordinator() {
        byte[] script = "echo staged".getBytes(StandardCharsets.UTF_8);
        String sha = MemoryBlobStore.sha256(script);
        coordinator.blobs.put(sha, script);
        Assignment task = assignment("sh run.sh").withFiles(new BlobRef("run.sh", sha, script.length)).build();
        coordinator.offer(task);

        started();
        Eventually.await("the completion", () -> coordinator.completed.containsKey(task.attemptId()));

        assertThat(coordinator.blobText(coordinator.completed.get(task.attemptId()).stdout().sha256())).isEqualTo("staged\n");
    }

    @Test
    void agent_reportsAFailedCommand_withItsReasonAndExitCode() {
        Assignment task = assignment("echo bad input >&2; exit 7").build();
        coordinator.offer(task);

        ProviderAgent agent = started();
        Eventually.await("the failure", () -> coordinator.failed.containsKey(task.attemptId()));

        var f = coordinator.failed.get(task.attemptId());
        assertThat(f.reason()).isEqualTo(AttemptReason.EXIT_NONZERO.name());
        assertThat(f.exitCode()).isEqualTo(7);
        assertThat(coordinator.blobText(f.stderr().sha256())).isEqualTo("bad input\n");
        Eventually.await("the counter", () -> agent.stats().failed() == 1);
    }

    @Test
    void agent_afterRestart_registersAgainUnderItsStoredId() {
        ProviderAgent first = started();
        String id = first.registration().join();
        first.shutdown(Duration.ofSeconds(5));

        ProviderAgent second = started();

        assertThat(second.registration().join()).isEqualTo(id);
        assertThat(coordinator.registrations).extracting(r -> r.providerId()).containsExactly(null, id);
        assertThat(events).anyMatch(e -> e.equals(new AgentEvent.Registered(id, true)));
    }

    @Test
    void agent_signsEveryRequest_withTheKeyInItsDataDir() {
        Assignment task = assignment("echo hi > out.txt").withOutputs("out.txt").build();
        coordinator.offer(task);

        started();
        Eventually.await("the completion", () -> coordinator.completed.containsKey(task.attemptId()));

        var account = org.gridmint.api.auth.Identity.loadOrCreate(dataDir).account();
        assertThat(coordinator.signatures).hasSizeGreaterThan(3)
                .containsOnly(new org.gridmint.api.auth.RequestSignature.Verdict.Valid(account));
        assertThat(coordinator.owners).containsValue(account.value());
    }

    @Test
    void agent_whoseStoredIdBelongsToAnotherKey_registersAsANewProvider() throws Exception {
        coordinator.owners.put("prov-someone-elses", "acct-someone-else");
        Files.writeString(dataDir.resolve("provider-id"), "prov-someone-elses\n");

        ProviderAgent agent = started();

        String id = agent.registration().join();
        assertThat(id).isNotEqualTo("prov-someone-elses");
        assertThat(coordinator.registrations).extracting(r -> r.providerId()).containsExactly("prov-someone-elses", null);
        assertThat(Files.readString(dataDir.resolve("provider-id")).strip()).isEqualTo(id);
    }

    @Test
    void agent_whenTheCoordinatorForgetsIt_registersAgainAndKeepsWorking() {
        ProviderAgent agent = started();
        String id = agent.registration().join();
        coordinator.forgetProviders();
        Eventually.await("a second registration", () -> coordinator.registrations.size() >= 2);

        Assignment task = assignment("true").build();
        coordinator.offer(task);
        Eventually.await("the completion", () -> coordinator.completed.containsKey(task.attemptId()));

        assertThat(coordinator.registrations.get(1).providerId()).isEqualTo(id);
    }

    @Test
    void agent_keepsWorkingThroughACoordinatorRestart() throws Exception {
        ProviderAgent agent = started();
        agent.registration().join();
        coordinator.stop();
        Eventually.await("the agent notices", () -> events.stream().anyMatch(e -> e instanceof AgentEvent.CoordinatorUnreachable));

        coordinator.start(coordinator.port());
        Assignment task = assignment("true").build();
        coordinator.offer(task);

        Eventually.await("the completion", () -> coordinator.completed.containsKey(task.attemptId()));
        assertThat(events).anyMatch(e -> e instanceof AgentEvent.CoordinatorReachable);
    }

    @Test
    void heartbeatSayingCancel_killsTheTask_andNothingIsReported() {
        String marker = Processes.marker();
        Assignment task = assignment("sleep " + marker + " & sleep " + marker).build();
        coordinator.offer(task);
        ProviderAgent agent = started();
        Eventually.await("the task running", () -> Processes.withArgument(marker).size() == 2);

        coordinator.cancelled.add(task.attemptId());

        Eventually.await("the processes gone", () -> Processes.withArgument(marker).isEmpty());
        Eventually.await("the slot free", () -> agent.stats().running() == 0);
        assertThat(agent.stats().abandoned()).isEqualTo(1);
        assertThat(coordinator.completed).isEmpty();
        assertThat(coordinator.failed).isEmpty();
        assertThat(events).contains(new AgentEvent.TaskAbandoned(task, StopReason.CANCELLED));
    }

    @Test
    void drainAskedForByTheOwner_learnedFromAHeartbeat_handsTheRunningTaskBackAtOnce_andStops() {
        String marker = Processes.marker();
        Assignment slow = assignment("exec sleep " + marker).build();
        coordinator.offer(slow);
        ProviderAgent agent = started();
        Eventually.await("the task running", () -> Processes.withArgument(marker).size() == 1);

        coordinator.draining.add(agent.registration().join());

        Eventually.await("the agent stopped", () -> events.contains(new AgentEvent.Stopped(false)));
        assertThat(coordinator.failed.get(slow.attemptId()).reason()).isEqualTo(AttemptReason.PROVIDER_DRAINED.name());
        assertThat(Processes.withArgument(marker)).isEmpty();
        assertThat(events).contains(new AgentEvent.DrainRequested());
    }

    @Test
    void drainAskedForByTheOwner_learnedFromARefusedClaim_stopsTheIdleAgent() {
        ProviderAgent agent = started();
        coordinator.draining.add(agent.registration().join());

        Eventually.await("the agent stopped", () -> events.contains(new AgentEvent.Stopped(false)));
        assertThat(events).contains(new AgentEvent.DrainRequested());
        assertThat(agent.stats().handedBack()).isZero();
    }

    @Test
    void shutdown_letsFinishingTasksEnd_andHandsBackTheRest() {
        String marker = Processes.marker();
        Assignment slow = assignment("exec sleep " + marker).build();
        coordinator.offer(slow);
        ProviderAgent agent = started();
        Eventually.await("the task running", () -> Processes.withArgument(marker).size() == 1);

        agent.shutdown(Duration.ofMillis(200));

        assertThat(coordinator.failed.get(slow.attemptId()).reason()).isEqualTo(AttemptReason.PROVIDER_DRAINED.name());
        assertThat(Processes.withArgument(marker)).isEmpty();
        assertThat(agent.stats().handedBack()).isEqualTo(1);
        assertThat(events.getLast()).isEqualTo(new AgentEvent.Stopped(false));
    }

    @Test
    void agent_restoresTheCheckpoint_andReportsEachChangedOne_untilItDrains() throws Exception {
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (var z = new java.util.zip.ZipOutputStream(zip)) {
            z.putNextEntry(new java.util.zip.ZipEntry("n"));
            z.write("4".getBytes(StandardCharsets.UTF_8));
        }
        String sha = MemoryBlobStore.sha256(zip.toByteArray());
        coordinator.blobs.put(sha, zip.toByteArray());
        String marker = Processes.marker();
        Assignment task = assignment("n=$(cat \"$GRIDMINT_CHECKPOINT_DIR/n\"); echo $((n + 1)) > t && mv t \"$GRIDMINT_CHECKPOINT_DIR/n\"; "
                + "while [ ! -e go ]; do sleep 0.02; done; echo $((n + 2)) > t && mv t \"$GRIDMINT_CHECKPOINT_DIR/n\"; exec sleep " + marker)
                .withCheckpointIntervalMillis(50).withCheckpoint(new BlobRef("checkpoint.zip", sha, zip.size())).build();
        coordinator.offer(task);
        ProviderAgent agent = started();
        String providerId = agent.registration().join();

        Eventually.await("the first checkpoint", () -> coordinator.checkpoints.size() == 1);
        FakeCoordinator.Checkpoint first = coordinator.checkpoints.getFirst();
        assertThat(first.attemptId()).isEqualTo(task.attemptId());
        assertThat(first.request().providerId()).isEqualTo(providerId);
        assertThat(checkpointText(first)).as("resumed from 4").isEqualTo("5\n");
        Files.createFile(dataDir.resolve("work").resolve(task.attemptId()).resolve("go"));
        Eventually.await("the second checkpoint and the task running on", () -> coordinator.checkpoints.size() == 2
                && !Processes.withArgument(marker).isEmpty());
        assertThat(checkpointText(coordinator.checkpoints.get(1))).isEqualTo("6\n");
        assertThat(coordinator.checkpoints.get(1).request().runtimeMillis()).isGreaterThanOrEqualTo(first.request().runtimeMillis());

        agent.shutdown(Duration.ZERO);

        assertThat(coordinator.failed.get(task.attemptId()).reason()).isEqualTo(AttemptReason.PROVIDER_DRAINED.name());
        assertThat(coordinator.checkpoints).as("the final checkpoint had nothing new").hasSize(2);
        assertThat(events).anyMatch(e -> e instanceof AgentEvent.CheckpointSaved s && s.assignment().equals(task));
    }

    private String checkpointText(FakeCoordinator.Checkpoint c) throws java.io.IOException {
        try (var z = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(coordinator.blobs.get(c.request().checkpoint().sha256())))) {
            assertThat(z.getNextEntry().getName()).isEqualTo("n");
            return new String(z.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shutdown_withEnoughGrace_waitsForTheTaskToComplete() {
        Assignment task = assignment("sleep 0.5; echo finished").build();
        coordinator.offer(task);
        ProviderAgent agent = started();
        Eventually.await("the first heartbeat", () -> !coordinator.heartbeats.isEmpty());

        agent.shutdown(Eventually.DEADLINE);

        assertThat(coordinator.completed).containsKey(task.attemptId());
        assertThat(coordinator.failed).isEmpty();
    }

    @Test
    void crash_killsTasks_andTellsTheCoordinatorNothing() throws InterruptedException {
        String marker = Processes.marker();
        Assignment task = assignment("sleep " + marker + " & sleep " + marker).build();
        coordinator.offer(task);
        ProviderAgent agent = started();
        Eventually.await("the task running", () -> Processes.withArgument(marker).size() == 2);

        agent.crash();
        int requestsAtCrash = coordinator.requests.get();

        assertThat(Processes.withArgument(marker)).isEmpty();
        assertThat(coordinator.completed).isEmpty();
        assertThat(coordinator.failed).isEmpty();
        // Silence can only be shown by waiting: a live agent heartbeats every 200 ms and re-claims at once, so
        // three intervals would see calls. A slow machine makes this check weaker, never flaky.
        Thread.sleep(task.heartbeatIntervalMillis() * 3);
        assertThat(coordinator.requests.get()).isEqualTo(requestsAtCrash);
        assertThat(events.getLast()).isEqualTo(new AgentEvent.Stopped(true));
    }

    @Test
    void agent_withTwoSlots_runsTwoTasksAtOnce() {
        String marker = Processes.marker();
        Assignment a = assignment("exec sleep " + marker).build();
        Assignment b = assignment("exec sleep " + marker).build();
        coordinator.offer(a);
        coordinator.offer(b);

        ProviderAgent agent = agent(2);
        agent.start();

        Eventually.await("both running", () -> Processes.withArgument(marker).size() == 2);
        assertThat(agent.stats().running()).isEqualTo(2);
    }

    @Test
    void agent_withTheSandboxItDetects_runsTasksAndSaysWhetherTheyAreIsolated() {
        Assignment task = assignment("printf ok > out.txt").withOutputs("out.txt").build();
        coordinator.offer(task);
        AgentConfig config = AgentConfig.builder(coordinator.uri(), dataDir).allowUnsandboxed(true)
                .nvidiaSmi(dataDir.resolve("no-nvidia-smi").toString()).claimWait(Duration.ofSeconds(1)).build();
        ProviderAgent agent = new ProviderAgent(config);
        agents.add(agent);

        agent.start();
        Eventually.await("the completion", () -> coordinator.completed.containsKey(task.attemptId()));

        assertThat(coordinator.registrations.getFirst().sandboxed()).isEqualTo(agent.sandbox().isolating());
        assertThat(coordinator.registrations.getFirst().gpus()).isEmpty();
        assertThat(agent.hardware().gpuProblem()).contains("no-nvidia-smi");
    }

    @Test
    void start_twice_isRefused() {
        ProviderAgent agent = started();

        org.assertj.core.api.Assertions.assertThatThrownBy(agent::start).isInstanceOf(IllegalStateException.class);
    }
}
