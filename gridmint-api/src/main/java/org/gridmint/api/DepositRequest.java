package org.gridmint.api;

import java.math.BigDecimal;

/**
 * Credits to deposit: from the dev faucet into the caller's own account, or minted by the operator into
 * {@code account}.
 *
 * @param account the receiving account ({@code acct-…}); only for minting, null for the faucet
 * @param reference makes the deposit idempotent: the same reference deposits once; null for a fresh one
 */
public record DepositRequest(String account, BigDecimal amount, String reference) {}
