package org.gridmint.coordinator.settlement;

import java.util.Optional;
import org.gridmint.api.ChainInfo;
import org.gridmint.core.economics.MerkleTree;
import org.gridmint.core.economics.Tokens;
import org.gridmint.core.money.Credits;

/** A real port with one call overridden by a test, to put an event (a race, a crash) at an exact point of a loop's run. */
class DelegatingPort implements SettlementPort {
    private final SettlementPort real;

    DelegatingPort(SettlementPort real) {
        this.real = real;
    }

    @Override
    public ChainInfo info() {
        return real.info();
    }

    @Override
    public boolean onChain() {
        return real.onChain();
    }

    @Override
    public byte[] leafHash(SettlementLeaf leaf) {
        return real.leafHash(leaf);
    }

    @Override
    public MerkleTree.Hasher hasher() {
        return real.hasher();
    }

    @Override
    public Optional<String> treasuryAddress() {
        return real.treasuryAddress();
    }

    @Override
    public PostedEpoch post(long epoch, byte[] root, Credits credits, Tokens tokens) {
        return real.post(epoch, root, credits, tokens);
    }

    @Override
    public Optional<PostedEpoch> posted(long epoch) {
        return real.posted(epoch);
    }

    @Override
    public boolean claimed(long epoch, String address) {
        return real.claimed(epoch, address);
    }

    @Override
    public Deposits confirmedDeposits(long afterBlock) {
        return real.confirmedDeposits(afterBlock);
    }

    @Override
    public void close() {
        // The real port belongs to its coordinator.
    }
}
