package org.gridmint.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * One leaf of a posted epoch's settlement batch: what one address may claim from the settlement contract, with the
 * Merkle proof that the contract checks. The base-unit amounts (18 decimals, as decimal strings) are the exact values
 * the leaf commits to: pass them to {@code claim} unchanged.
 *
 * @param state {@code CLAIMABLE} (posted, not yet claimed), {@code CLAIMED}, or {@code CLOSED} (computed, not yet posted)
 * @param proof the siblings from the leaf up to the root, each 0x and 64 hex digits
 */
public record ClaimView(long epoch, String address, BigDecimal credits, BigDecimal tokens, String creditsBaseUnits, String tokensBaseUnits,
                        String leaf, List<String> proof, String root, String state) {
    public static final String CLAIMABLE = "CLAIMABLE";
    public static final String CLAIMED = "CLAIMED";
    public static final String CLOSED = "CLOSED";
}
