/**
 * Providers' side of the coordinator: registration, claiming work (pending tasks first, then backups of stragglers),
 * heartbeats, completions and failures.
 */
package org.gridmint.coordinator.providers;
