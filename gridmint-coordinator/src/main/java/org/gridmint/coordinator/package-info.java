/**
 * The coordinator: accepts jobs from clients, hands their tasks to provider agents that pull work, keeps
 * leases, requeues lost work and keeps every accepted job, task, attempt and result in a durable store.
 */
package org.gridmint.coordinator;
