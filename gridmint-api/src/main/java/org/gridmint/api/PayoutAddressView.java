package org.gridmint.api;

import java.time.Instant;

/** An account's payout address on the chain; {@code address} is null when none is set. */
public record PayoutAddressView(String account, String address, Instant updatedAt) {}
