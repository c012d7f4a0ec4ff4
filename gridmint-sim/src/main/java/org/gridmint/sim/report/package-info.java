/** What a simulation is compared with: the dated cloud reference prices shipped as {@code cloud-prices.yaml}. */
package org.gridmint.sim.report;
