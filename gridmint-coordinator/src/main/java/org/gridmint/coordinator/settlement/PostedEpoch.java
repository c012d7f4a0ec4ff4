package org.gridmint.coordinator.settlement;

import org.gridmint.core.economics.Tokens;
import org.gridmint.core.money.Credits;

/** An epoch batch as the settlement holds it: for the EVM adapter, what the contract stores; {@code txHash} may be null when unknown. */
public record PostedEpoch(long epoch, String root, Credits credits, Tokens tokens, String txHash) {}
