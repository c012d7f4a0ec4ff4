package org.gridmint.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One unstake waiting out its unbonding period; its credits stay in the stake (a slash still reaches them) until released.
 *
 * @param requested what the owner asked to unstake
 * @param amount what will be (or was) released: {@code requested} less what slashes during the unbonding took
 * @param state UNBONDING (before {@code releaseAt}), HELD (past it, but a result of the provider still awaits its verdict),
 *     or RELEASED
 */
public record UnbondingView(String id, BigDecimal requested, BigDecimal amount, Instant requestedAt, Instant releaseAt, Instant releasedAt,
                            String state) {}
