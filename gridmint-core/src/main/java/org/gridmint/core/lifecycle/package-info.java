/**
 * The job, task and attempt lifecycles as transition tables: an enum of states, a closed set of events,
 * and one table of every legal {@code (state, event) -> state}. Anything else is a typed rejection.
 */
package org.gridmint.core.lifecycle;
