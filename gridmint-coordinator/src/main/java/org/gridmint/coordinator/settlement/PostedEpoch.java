package org.gridmint.coordinator.settlement;

import org.gridmint.core.economics.Tokens;
import org.gridmint.core.money.Credits;

/**
 * An epoch batch as the settlement holds it: for the EVM adapter, what the contract stores; {@code txHash} may be null when unknown.
 *
 * @param funded credits the operator transferred to the settlement contract to back this batch (network-issued credits,
 *     such as verification subsidies, that no deposit brought on-chain); zero for the embedded settlement and when the
 *     contract already held enough
 */
public record PostedEpoch(long epoch, String root, Credits credits, Tokens tokens, String txHash, Credits funded) {
    public PostedEpoch {
        if (funded == null || funded.isNegative()) throw new IllegalArgumentException("funded must be >= 0, was " + funded);
    }
}
