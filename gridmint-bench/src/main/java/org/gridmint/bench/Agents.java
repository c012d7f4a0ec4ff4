package org.gridmint.bench;

import java.time.Duration;

/** A set of agents, in this JVM or another, that can be told to complete a number of tasks and say how it went. */
interface Agents extends AutoCloseable {

    /** Claims and completes until {@code tasks} tasks have completed (or {@code timeout} passes). */
    AgentReport run(int tasks, Duration timeout) throws Exception;

    @Override
    void close();
}
