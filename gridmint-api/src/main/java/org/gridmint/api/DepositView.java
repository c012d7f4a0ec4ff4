package org.gridmint.api;

import java.math.BigDecimal;

/**
 * A deposit as recorded.
 *
 * @param repeated true when the reference had been deposited before, so nothing new was added
 */
public record DepositView(String account, BigDecimal amount, String reference, long seq, boolean repeated, BigDecimal balance) {}
