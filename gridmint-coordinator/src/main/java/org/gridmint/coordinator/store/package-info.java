/**
 * Durable state behind a port ({@link org.gridmint.coordinator.store.Store}): JDBC over SQLite (WAL, the
 * embedded default) or PostgreSQL (shared by several coordinators), schema by Flyway, portable SQL only.
 */
package org.gridmint.coordinator.store;
