/**
 * Stake: owners stake credits on their providers so that cheating costs more than it earns. {@link
 * org.gridmint.coordinator.stake.Stakes} is what the rest of the coordinator calls inside its transactions (slash a
 * provider, pay a replica at cost, read stakes for the market); {@link org.gridmint.coordinator.stake.StakeService}
 * answers the owners' stake and unstake requests; {@link org.gridmint.coordinator.stake.UnbondingLoop} releases
 * unbondings once their period is over and no verdict on the provider is open.
 *
 * <pre>
 *  owner ──stake──▶ stake:prov-… ──slash──▶ client (compensation) / treasury
 *                       │
 *                    unstake: an unbonding (money stays here, a slash still reaches it)
 *                       │ release_at passed, no result of the provider awaiting a verdict
 *                       ▼
 *                     owner (UNSTAKE)
 * </pre>
 */
package org.gridmint.coordinator.stake;
