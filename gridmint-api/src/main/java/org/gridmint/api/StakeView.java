package org.gridmint.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * A provider's stake: what its owner put up so that cheating costs more than it earns.
 *
 * @param staked the stake account's balance, unbonding credits included (they are released only after the unbonding)
 * @param unbonding what open unbondings will release
 * @param unbondings every unbonding, newest first
 * @param slashed everything slashes ever took from it
 */
public record StakeView(String providerId, BigDecimal staked, BigDecimal unbonding, List<UnbondingView> unbondings, BigDecimal slashed) {}
