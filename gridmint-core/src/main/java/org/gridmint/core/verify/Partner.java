package org.gridmint.core.verify;

/** Which providers may run a task's next replica. */
public enum Partner {
    /** Any eligible provider that did not run the task and shares no owner with one that did. */
    ANY,
    /** Only trusted providers (spot checks, tie-breakers, full checks): a cheater cannot be its own checker. */
    TRUSTED
}
