package org.gridmint.provider.agent;

import org.gridmint.api.Assignment;
import org.gridmint.provider.runtime.Outcome;
import org.gridmint.provider.runtime.StopReason;

/** Something the agent did or saw, for the CLI's log lines and for tests. */
public sealed interface AgentEvent {

    /** The coordinator accepted the agent; {@code renewed} when it kept an id from before. */
    record Registered(String providerId, boolean renewed) implements AgentEvent {}

    /** A call to the coordinator failed for want of it; said once per outage. */
    record CoordinatorUnreachable(String detail) implements AgentEvent {}

    /** The coordinator answers again after an outage. */
    record CoordinatorReachable() implements AgentEvent {}

    record TaskStarted(Assignment assignment) implements AgentEvent {}

    /** Reported complete; {@code accepted} is false when the coordinator refused the report (e.g. the lease had expired). */
    record TaskCompleted(Assignment assignment, Outcome.Completed outcome, boolean accepted) implements AgentEvent {}

    /** Reported failed, handed-back attempts included. */
    record TaskFailed(Assignment assignment, Outcome.Failed outcome, boolean accepted) implements AgentEvent {}

    /** The coordinator took a checkpoint of the attempt's checkpoint dir, {@code runtimeMillis} into its command. */
    record CheckpointSaved(Assignment assignment, org.gridmint.api.BlobRef checkpoint, long runtimeMillis) implements AgentEvent {}

    /** Stopped without a report: cancelled, lost, or killed by a simulated crash. */
    record TaskAbandoned(Assignment assignment, StopReason reason) implements AgentEvent {}

    /** The provider's owner asked the coordinator to drain it: the agent hands its tasks back and stops. */
    record DrainRequested() implements AgentEvent {}

    /** The agent has stopped; {@code crashed} after {@link ProviderAgent#crash()}. */
    record Stopped(boolean crashed) implements AgentEvent {}
}
