package org.gridmint.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One withdrawal and where it stands.
 *
 * @param epoch the epoch whose batch pays it, or null while it waits for the next epoch to close
 * @param state {@code PENDING} (waits for its epoch), {@code BATCHED} (in a closed epoch, not yet posted), {@code POSTED}
 *     (claimable on-chain)
 */
public record WithdrawalView(String id, String account, String address, BigDecimal amount, Instant requestedAt, Long epoch, String state) {}
