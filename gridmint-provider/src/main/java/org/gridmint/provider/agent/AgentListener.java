package org.gridmint.provider.agent;

/** Receives {@link AgentEvent}s on the agent's own threads; must return quickly and not throw. */
@FunctionalInterface
public interface AgentListener {
    void onEvent(AgentEvent event);
}
