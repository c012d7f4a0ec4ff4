package org.gridmint.api;

import java.math.BigDecimal;

/**
 * Withdraws credits that no job holds: they leave the ledger at once and are paid to the account's payout address in the
 * next epoch's settlement batch, claimable with a Merkle proof.
 *
 * @param amount credits, more than 0 and at most the account's balance
 * @param reference makes the request idempotent (the same reference withdraws once); null for a fresh one
 */
public record WithdrawRequest(BigDecimal amount, String reference) {}
