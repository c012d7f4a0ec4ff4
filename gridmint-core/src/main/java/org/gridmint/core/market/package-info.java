/**
 * The market: what the network knows of each provider (reputation from evidence, health, quarantine) and the
 * matcher that turns a snapshot of providers and pending tasks into a plan. Everything here is a pure function
 * of its arguments and {@code now}; the coordinator gathers the snapshot, applies the plan and re-checks it
 * against current state, as Nomad's plan applier does.
 *
 * <pre>
 *   attempts ──► ProviderEvidence ──► Reputation.estimate(evidence, NetworkPrior) ─┐
 *   lastSeen, quarantinedUntil ──► Health.of(..) ───────────────────────────────────┤
 *   ProviderSnapshot (offer, ask) + free slots ─────────────────────────────────────┼─► MarketSnapshot ─► Matcher.plan(.., now) ─► Plan
 *   pending tasks (Requirements, expected duration, last failed provider) ──────────┘
 * </pre>
 *
 * <p>{@link org.gridmint.core.market.Speculation} is the market's other pure function: over a job's running attempts,
 * its median runtime and the same providers, which stragglers get a backup attempt, and where (LATE).
 */
package org.gridmint.core.market;
