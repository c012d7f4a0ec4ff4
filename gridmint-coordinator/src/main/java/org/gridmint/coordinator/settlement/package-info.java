/**
 * Where settled money goes: the settlement port and its two adapters, the embedded one (balances stay in the ledger; the
 * default) and the EVM one ({@link org.gridmint.coordinator.settlement.EvmSettlement}: epoch batches posted to the
 * settlement contract, deposits read from its events), chosen in {@link org.gridmint.coordinator.settlement.Settlements}.
 * {@link org.gridmint.coordinator.settlement.ChainSetup} deploys or attaches at start (the store's network_facts decide
 * the contract once recorded; chain.json in the data dir mirrors them),
 * {@link org.gridmint.coordinator.settlement.DepositWatcher} credits confirmed deposits once, and
 * {@link org.gridmint.coordinator.settlement.EvmChainAudit} is {@code ledger verify}'s check of the chain against the journal.
 *
 * <pre>
 *  chain ──Deposited logs (≥ confirmations deep)──▶ DepositWatcher ──one tx: chain_deposits row + DEPOSIT + cursor──▶ store
 *  store ──EpochLoop: leaves, root (CLOSED)──▶ EvmSettlement.post (idempotent) ──▶ Settlement.postEpoch (CLOSED + tx_hash)
 *                                                   └─ first: operator transfers what the contract lacks (operator_funding)
 *        ──EpochLoop each run: checkPost──▶ ≥ confirmations deep: POSTED (claims open) │ root gone (reorg): post again
 * </pre>
 */
package org.gridmint.coordinator.settlement;
