/** Providers' side of the coordinator: registration, claiming work, heartbeats, completions and failures. */
package org.gridmint.coordinator.providers;
