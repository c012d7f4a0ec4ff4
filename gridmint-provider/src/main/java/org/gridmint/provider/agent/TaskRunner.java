package org.gridmint.provider.agent;

import java.time.Duration;
import org.gridmint.api.Assignment;
import org.gridmint.api.BlobRef;
import org.gridmint.api.CheckpointRequest;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.FailRequest;
import org.gridmint.api.HeartbeatRequest;
import org.gridmint.api.HeartbeatResponse;
import org.gridmint.api.http.ApiException;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.provider.runtime.Outcome;
import org.gridmint.provider.runtime.StopReason;
import org.gridmint.provider.runtime.TaskControl;
import org.gridmint.provider.runtime.TaskRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One assignment on the agent: a virtual thread that sends the first heartbeat, runs the assignment and
 * reports the outcome, and a second one that heartbeats until the run, uploads included, is over (the lease
 * must outlive a long upload). Failure modes: a heartbeat that says cancel, or a 404/409 that says the
 * attempt is no longer ours, stops the run without a report; a coordinator that is away only costs
 * heartbeats, and the report is retried until it gets through or is refused.
 */
final class TaskRunner {
    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

    private final ProviderAgent agent;
    private final Assignment assignment;
    private final TaskRuntime runtime;
    private final TaskControl control = new TaskControl();
    private volatile boolean finished;
    private volatile Thread worker;
    private volatile Thread heartbeat;

    TaskRunner(ProviderAgent agent, Assignment assignment, TaskRuntime runtime) {
        this.agent = agent;
        this.assignment = assignment;
        this.runtime = runtime;
    }

    Assignment assignment() {
        return assignment;
    }

    TaskControl control() {
        return control;
    }

    void start() {
        worker = Thread.ofVirtual().name("gridmint-task-" + assignment.attemptId()).start(this::work);
    }

    /** Waits for the run and its report; false when still going after {@code timeout}. */
    boolean join(Duration timeout) {
        try {
            return worker.join(timeout.isNegative() ? Duration.ZERO : timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Cuts whatever the threads are waiting on, an HTTP call included. */
    void interrupt() {
        Thread h = heartbeat;
        if (h != null) h.interrupt();
        worker.interrupt();
    }

    private void work() {
        Outcome outcome;
        try {
            // The first beat goes out before anything runs: it moves the attempt to RUNNING on the coordinator
            // (a report must not overtake it), and a cancel or 409 in its answer saves a useless run.
            if (beat()) heartbeat = Thread.ofVirtual().name("gridmint-heartbeat-" + assignment.attemptId()).start(this::heartbeatLoop);
            outcome = runtime.run(assignment, agent.providerIdOrNull(), control, this::reportCheckpoint);
        } catch (RuntimeException e) {
            log.error("attempt {}: the runtime failed", assignment.attemptId(), e);
            outcome = new Outcome.Failed(AttemptReason.RUNTIME_ERROR, "the provider's runtime failed: " + e, null, null, null, 0);
        }
        // Heartbeats stop here: a beat racing the report would be answered 409 and look like a lost attempt.
        finished = true;
        Thread h = heartbeat;
        if (h != null) h.interrupt();
        try {
            report(outcome);
        } finally {
            agent.taskDone(this);
        }
    }

    private void report(Outcome outcome) {
        if (agent.crashed()) {
            // A dead machine reports nothing, whatever its task was doing when it died.
            agent.recordAbandoned();
            return;
        }
        String id = assignment.attemptId();
        String providerId = agent.providerIdOrNull();
        switch (outcome) {
            case Outcome.Completed c -> {
                boolean ok = deliver("complete", () -> agent.client().complete(id,
                        new CompleteRequest(providerId, c.exitCode(), c.outputs(), c.stdout(), c.stderr(), c.runtimeMillis())));
                log.info("attempt {} (job {} task {}) completed in {} ms{}", id, assignment.jobId(), assignment.taskIndex(), c.runtimeMillis(),
                        ok ? "" : ", but the coordinator did not take the report");
                agent.emit(new AgentEvent.TaskCompleted(assignment, c, ok));
                agent.recordCompleted(ok);
            }
            case Outcome.Failed f -> {
                boolean ok = deliver("fail", () -> agent.client().fail(id, new FailRequest(providerId, f.reason().name(), clip(f.message()),
                        f.exitCode(), f.stdout(), f.stderr(), f.runtimeMillis(), f.retryable() ? null : Boolean.FALSE)));
                log.info("attempt {} (job {} task {}) failed{}: {}: {}", id, assignment.jobId(), assignment.taskIndex(),
                        f.retryable() ? "" : " (not retryable)", f.reason(), f.message());
                agent.emit(new AgentEvent.TaskFailed(assignment, f, ok));
                agent.recordFailed(f.reason() == AttemptReason.PROVIDER_DRAINED);
            }
            case Outcome.Abandoned a -> {
                log.info("attempt {} (job {} task {}) stopped: {}", id, assignment.jobId(), assignment.taskIndex(), a.reason());
                if (a.reason() != StopReason.CRASHED) agent.emit(new AgentEvent.TaskAbandoned(assignment, a.reason()));
                agent.recordAbandoned();
            }
        }
    }

    /** One try: the runtime logs a failure and tries again with the next checkpoint. */
    private void reportCheckpoint(BlobRef blob, long runtimeMillis) {
        agent.client().checkpoint(assignment.attemptId(), new CheckpointRequest(agent.providerIdOrNull(), blob, runtimeMillis));
        agent.coordinatorAnswered();
        agent.emit(new AgentEvent.CheckpointSaved(assignment, blob, runtimeMillis));
    }

    /** The coordinator takes messages of up to 4000 characters; the start of ours says what went wrong. */
    static String clip(String message) {
        return message.length() <= 4000 ? message : message.substring(0, 3990) + " [...]";
    }

    /** Sends a report until it gets through, is refused, or the agent gives up on it (crash, shutdown deadline). */
    private boolean deliver(String what, Runnable call) {
        Backoff backoff = new Backoff(Duration.ofMillis(200), agent.config().maxBackoff());
        while (true) {
            try {
                call.run();
                agent.coordinatorAnswered();
                return true;
            } catch (AgentStoppedException e) {
                return false;
            } catch (RuntimeException e) {
                if (!CoordinatorClient.retryable(e)) {
                    log.warn("the coordinator refused {} for attempt {}: {}", what, assignment.attemptId(), e.getMessage());
                    return false;
                }
                agent.coordinatorUnreachable(e);
                if (Thread.currentThread().isInterrupted()) return false;
                backoff.pause();
                if (Thread.currentThread().isInterrupted()) return false;
            }
        }
    }

    private void heartbeatLoop() {
        long interval = assignment.heartbeatIntervalMillis() > 0 ? assignment.heartbeatIntervalMillis()
                : agent.config().heartbeatInterval().toMillis();
        while (!finished) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            if (finished || !beat()) return;
        }
    }

    /** One heartbeat; false when the attempt must not go on (cancelled, no longer ours, agent stopped). */
    private boolean beat() {
        try {
            HeartbeatResponse r = agent.client().heartbeat(assignment.attemptId(),
                    new HeartbeatRequest(agent.providerIdOrNull(), control.progress()));
            agent.coordinatorAnswered();
            if (r.drainRequested()) agent.drainRequested();
            if (r.cancel()) {
                log.info("attempt {}: the coordinator cancelled it", assignment.attemptId());
                control.stop(StopReason.CANCELLED);
                return false;
            }
            return true;
        } catch (AgentStoppedException e) {
            return false;
        } catch (ApiException e) {
            if (e.status() == 404 || e.status() == 409 || e.status() == 403 || e.status() == 410) {
                if (finished) return false;
                log.warn("attempt {} is no longer ours ({}); stopping it", assignment.attemptId(), e.getMessage());
                control.stop(StopReason.LOST);
                return false;
            }
            if (e.retryable()) agent.coordinatorUnreachable(e);
            else log.warn("heartbeat for attempt {} refused: {}", assignment.attemptId(), e.getMessage());
            return true;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || finished) return false;
            // The coordinator is away: keep running, the lease may outlast the outage.
            agent.coordinatorUnreachable(e);
            return true;
        }
    }
}
