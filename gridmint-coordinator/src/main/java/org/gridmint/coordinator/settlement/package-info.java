/**
 * Where settled money goes: the settlement port and its two adapters, the embedded one (balances stay in the ledger; the
 * default) and the EVM one (epoch batches posted to the settlement contract, deposits read from its events).
 */
package org.gridmint.coordinator.settlement;
