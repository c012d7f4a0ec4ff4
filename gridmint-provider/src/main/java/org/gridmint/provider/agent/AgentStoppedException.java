package org.gridmint.provider.agent;

/** A coordinator call after the agent was crashed or stopped; never retried. */
final class AgentStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AgentStoppedException() {
        super("the agent has stopped");
    }
}
