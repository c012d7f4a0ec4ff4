package org.gridmint.sim;

/**
 * One result a task's attempt returned: which provider, the value it computed ({@link SimProvider#RIGHT} or a wrong one),
 * and the provider time it took. Two results agree when their values are equal: honest float noise is core's comparator's
 * business, tested there; here an honest result is simply right.
 */
record SimResult(SimAttempt attempt, SimProvider provider, long value, long wallMillis) {
    boolean wrong() {
        return value != SimProvider.RIGHT;
    }
}
