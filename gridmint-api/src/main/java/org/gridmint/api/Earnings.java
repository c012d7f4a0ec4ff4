package org.gridmint.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What an account's providers earned: totals, per provider, and the latest payments.
 *
 * @param net what was paid to the account
 * @param gross what clients were charged for its work: {@code net + fees}
 */
public record Earnings(String account, BigDecimal net, BigDecimal gross, BigDecimal fees, long tasks, long runtimeMillis,
                       List<ProviderTotal> providers, List<Payment> recent) {

    /** One provider's totals. */
    public record ProviderTotal(String providerId, long tasks, long runtimeMillis, BigDecimal gross, BigDecimal fees, BigDecimal net) {}

    /** One task's payment. */
    public record Payment(String jobId, int task, String attemptId, String providerId, long runtimeMillis, BigDecimal price, BigDecimal net,
                          BigDecimal fee, Instant at) {}
}
