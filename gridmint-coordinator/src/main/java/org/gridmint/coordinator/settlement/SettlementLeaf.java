package org.gridmint.coordinator.settlement;

import org.gridmint.core.economics.Tokens;
import org.gridmint.core.money.Credits;

/** What one payout address is paid in one epoch's batch: credits (earnings and withdrawals) and GRID (rewards). */
public record SettlementLeaf(long epoch, String address, Credits credits, Tokens tokens) {
    public SettlementLeaf {
        if (epoch < 0) throw new IllegalArgumentException("epochs count from 0, was " + epoch);
        if (address == null || !address.matches("0x[0-9a-f]{40}")) throw new IllegalArgumentException("not a lower-case 0x address: " + address);
        if (credits == null || credits.isNegative() || tokens == null) throw new IllegalArgumentException("a leaf pays credits >= 0 and tokens");
        if (credits.micros() == 0 && tokens.micros() == 0) throw new IllegalArgumentException("a leaf pays something");
    }
}
