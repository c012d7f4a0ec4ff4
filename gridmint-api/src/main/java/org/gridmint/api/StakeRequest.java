package org.gridmint.api;

import java.math.BigDecimal;

/**
 * An owner's stake on, or unstake from, one of its providers.
 *
 * @param amount credits, more than 0, at most 6 decimals
 * @param reference makes the request idempotent: the same reference stakes (or starts an unbonding) once; null for a fresh one
 */
public record StakeRequest(BigDecimal amount, String reference) {
    public StakeRequest(BigDecimal amount) {
        this(amount, null);
    }
}
