/**
 * The churn simulator: a discrete-event simulation of a whole network on a virtual clock that drives gridmint-core's
 * real matcher, task rules and reputation, under Gridmint's policy and a naive baseline. See gridmint-sim/README.md for
 * the flow and the scenario format.
 *
 * <pre>
 *  Scenario ─► Workload (drawn once from the seed) ─┬─► Simulation(Gridmint) ─┐
 *                                                    ├─► Simulation(naive)    ├─► Comparison ─► table / JSON
 *                                                    └─► failure-free runs ───┘
 * </pre>
 */
package org.gridmint.sim;
