/**
 * The rules that move tasks and attempts: assigning, heartbeating, finishing and failing attempts, retry
 * decisions, lease expiry and which pending tasks fit a provider. Pure functions over records; the
 * coordinator persists what they return.
 */
package org.gridmint.core.scheduling;
