package org.gridmint.provider.agent;

/**
 * Counters since start.
 *
 * @param completed attempts reported complete and accepted
 * @param failed attempts reported failed (handed-back ones included)
 * @param handedBack attempts handed back at shutdown
 * @param abandoned attempts stopped without a report (cancelled, lost, crashed)
 * @param running attempts running now
 */
public record AgentStats(long completed, long failed, long handedBack, long abandoned, int running) {}
