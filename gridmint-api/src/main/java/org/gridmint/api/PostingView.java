package org.gridmint.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One journal entry as an account's history shows it.
 *
 * @param change the amount as it changed this account: positive in, negative out
 * @param hash the entry's hash in the journal's chain
 */
public record PostingView(long seq, Instant at, String kind, String reference, String from, String to, BigDecimal amount, BigDecimal change,
                          String hash) {}
