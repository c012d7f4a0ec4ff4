/**
 * Load drivers that measure the coordinator end to end: a real coordinator, real SQLite storage, and agents that claim
 * and complete no-op tasks over loopback HTTP, straight through the services, or from another JVM
 * ({@link org.gridmint.bench.ThroughputBench}); and a verification run with real {@code gridmint provider} agent
 * processes, some of them cheating ({@link org.gridmint.bench.VerificationRun}); and batch embedding throughput on one or
 * more real provider agents ({@link org.gridmint.bench.EmbedBatchBench}).
 */
package org.gridmint.bench;
