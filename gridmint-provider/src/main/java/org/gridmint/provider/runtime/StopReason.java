package org.gridmint.provider.runtime;

/** Why the agent stopped an attempt before its command ended by itself. */
public enum StopReason {
    /** The coordinator said the job was cancelled; it already knows, so nothing is reported. */
    CANCELLED,
    /** The coordinator no longer counts the attempt as ours (its lease ran out); reporting would be refused. */
    LOST,
    /** The agent is being drained: it checkpoints the attempt and reports it PROVIDER_DRAINED, so it is retried elsewhere at no cost. */
    DRAINED,
    /** The agent is simulating a dead machine: kill everything and tell nobody. */
    CRASHED
}
