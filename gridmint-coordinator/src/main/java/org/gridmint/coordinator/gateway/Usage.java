package org.gridmint.coordinator.gateway;

import org.gridmint.api.UsageReport;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.store.Store;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.money.Credits;

/** An account's own gateway usage: totals and its latest requests (never another account's). */
public final class Usage {
    private static final int MAX_PAGE = 1000;
    private final Store store;
    private final InferenceBilling billing;

    /** @param billing whose bills still waiting for their commit are waited for, so a report includes every answer given */
    public Usage(Store store, InferenceBilling billing) {
        this.store = store;
        this.billing = billing;
    }

    public UsageReport report(AccountId account, int limit) {
        if (limit < 1 || limit > MAX_PAGE) throw new CoordinatorException.Invalid("limit", "must be between 1 and " + MAX_PAGE + ", was " + limit);
        billing.awaitSettled(account, 30_000);
        return store.inTransaction(tx -> {
            var totals = tx.gateway().usageTotals(account.value());
            var recent = tx.gateway().usage(account.value(), limit).stream()
                    .map(u -> new UsageReport.Entry(u.id(), u.keyId(), u.provider().value(), u.model(), u.items(), u.tokens(),
                            Credits.ofMicros(u.tokenPrice()).toBigDecimal(), Credits.ofMicros(paid(u)).toBigDecimal(), u.at()))
                    .toList();
            return new UsageReport(account.value(), totals.requests(), totals.items(), totals.tokens(), Credits.ofMicros(totals.charged()).toBigDecimal(),
                    recent);
        });
    }

    /**
     * What the client paid for a request: its charge, or only the fee when its own provider served it (nobody pays itself;
     * the record keeps the whole charge, which its meter counts).
     */
    static long paid(org.gridmint.coordinator.store.GatewayTx.UsageRecord u) {
        return u.providerOwner().equals(u.account()) ? u.fee() : u.charged();
    }
}
