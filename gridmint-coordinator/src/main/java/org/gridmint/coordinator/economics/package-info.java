/**
 * The network's economics at run time: closing epochs (emissions for verified work, the settlement batch), payout
 * addresses and withdrawals, claims, and the network report.
 */
package org.gridmint.coordinator.economics;
