/**
 * Load drivers that measure the coordinator end to end: a real coordinator, real SQLite storage, and agents
 * that claim and complete no-op tasks over loopback HTTP, straight through the services, or from another JVM.
 */
package org.gridmint.bench;
