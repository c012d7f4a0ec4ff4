/**
 * The EVM side of settlement: the settlement contracts' compiled artifacts, a web3j client that deploys and calls them,
 * Keccak-256 leaves and roots for epoch batches, and a local anvil chain for tests. No domain rules live here: what to
 * pay whom is decided by the coordinator; this module only moves it on-chain.
 */
package org.gridmint.chain;
