/**
 * Gridmint's domain, pure: identifiers, money, resources, the job spec and its validation, the job, task
 * and attempt lifecycles as transition tables, and the scheduling policy. Nothing here does I/O, starts a
 * thread or reads a clock: time is always passed in as an {@link java.time.Instant}.
 */
package org.gridmint.core;
