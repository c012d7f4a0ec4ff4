package org.gridmint.provider.runtime;

/** Why the agent stopped an attempt before its command ended by itself. */
public enum StopReason {
    /** The coordinator said the job was cancelled; it already knows, so nothing is reported. */
    CANCELLED,
    /** The coordinator no longer counts the attempt as ours (its lease ran out); reporting would be refused. */
    LOST,
    /** The agent is shutting down and reports the attempt handed back, so it is retried elsewhere at no cost. */
    HANDED_BACK,
    /** The agent is simulating a dead machine: kill everything and tell nobody. */
    CRASHED
}
