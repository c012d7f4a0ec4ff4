/**
 * The escrow ledger's coordinator side: the postings that job submission, task success and job end make inside
 * their own transactions, wallets, bills, earnings and the audit behind {@code gridmint ledger verify}.
 */
package org.gridmint.coordinator.ledger;
