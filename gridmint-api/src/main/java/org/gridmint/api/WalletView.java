package org.gridmint.api;

import java.math.BigDecimal;

/**
 * An account's money, in credits.
 *
 * @param balance what it can spend now
 * @param inEscrow what its unfinished jobs hold (spendable again as they end and refund)
 * @param earned everything its providers were paid, net of fees
 */
public record WalletView(String account, BigDecimal balance, BigDecimal inEscrow, BigDecimal earned) {}
