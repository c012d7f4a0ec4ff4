package org.gridmint.api;

import java.math.BigDecimal;

/**
 * What verifying a job's results took and found.
 *
 * @param policy the job's verification policy in words ("none" for a job that verifies nothing)
 * @param resultsChecked results compared with at least one other result
 * @param replicasRun results beyond each task's first: the extra compute verification cost
 * @param verificationCostByNetwork what the network (the treasury) paid for those replicas at cost; the client paid none of it
 * @param cheatersCaught distinct providers whose results lost a verdict
 * @param slashCompensation what the slashes of those providers paid the client
 */
public record VerificationView(String policy, long resultsChecked, long replicasRun, BigDecimal verificationCostByNetwork, int cheatersCaught,
                               BigDecimal slashCompensation) {}
