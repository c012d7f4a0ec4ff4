package org.gridmint.chain;

/** Where the settlement contract and its two tokens live on a chain (0x lower-case addresses). */
public record SettlementAddresses(String settlement, String stable, String grid) {
    public SettlementAddresses {
        settlement = Hex.address("settlement", settlement);
        stable = Hex.address("stable", stable);
        grid = Hex.address("grid", grid);
    }
}
