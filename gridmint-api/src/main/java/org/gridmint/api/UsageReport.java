package org.gridmint.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An account's use of the OpenAI-compatible gateway: totals over all time and its latest requests, newest first.
 *
 * @param charged credits the account paid in all (the fee included; for requests its own providers served, the fee alone)
 */
public record UsageReport(String account, long requests, long items, long tokens, BigDecimal charged, List<Entry> recent) {

    /**
     * One served request.
     *
     * @param tokenPrice the serving provider's price, credits per million tokens
     * @param charged what this request added to the account's bill (fractions of a micro-credit carry over to the next); for
     *     a request served by a provider of the account itself, only the fee, which is all it paid
     */
    public record Entry(String id, String keyId, String provider, String model, int items, long tokens, BigDecimal tokenPrice, BigDecimal charged,
                        Instant at) {}
}
