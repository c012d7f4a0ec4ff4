/**
 * The provider agent: it probes its machine, registers with a coordinator, pulls work, runs each task in a
 * sandbox and reports the results. {@code agent} holds the loops, {@code runtime} runs one attempt,
 * {@code sandbox} builds the confined command line, {@code hardware} says what the machine has.
 */
package org.gridmint.provider;
