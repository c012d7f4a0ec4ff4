/**
 * Background loops, one per concern, each a {@code runOnce(Instant now)} that is idempotent and driven by
 * persisted deadlines. Production schedules them; tests call {@code runOnce} with the time they want.
 */
package org.gridmint.coordinator.loops;
