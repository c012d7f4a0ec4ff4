/**
 * Scenarios: what a simulated network looks like (providers, failures, stragglers, jobs) and how to read one from YAML
 * with every bad field named.
 */
package org.gridmint.sim.scenario;
