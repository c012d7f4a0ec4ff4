package org.gridmint.coordinator.settlement;

import java.math.BigInteger;
import java.util.Optional;
import org.gridmint.api.ChainInfo;
import org.gridmint.chain.Leaves;
import org.gridmint.chain.Units;
import org.gridmint.core.economics.MerkleTree;

/**
 * How an epoch's leaves and root were hashed, by the epoch's settlement ("embedded" or "evm"), without a port or a
 * chain: what {@code ledger verify} recomputes the batches with. Each is the same code its port hashes with.
 */
public final class LeafHashing {
    private static final EmbeddedSettlement EMBEDDED = new EmbeddedSettlement();

    private final boolean evm;

    private LeafHashing(boolean evm) {
        this.evm = evm;
    }

    /** The hashing of {@code settlement} (an epochs row's column); empty for a settlement this coordinator does not know. */
    public static Optional<LeafHashing> of(String settlement) {
        if (ChainInfo.EVM.equals(settlement)) return Optional.of(new LeafHashing(true));
        if (ChainInfo.EMBEDDED.equals(settlement)) return Optional.of(new LeafHashing(false));
        return Optional.empty();
    }

    /** The leaf's hash: as EvmSettlement (Solidity's double keccak256 of abi.encode, in 18-decimal base units) or EmbeddedSettlement has it. */
    public byte[] leafHash(SettlementLeaf leaf) {
        if (!evm) return EMBEDDED.leafHash(leaf);
        BigInteger credits = Units.toBaseUnits(leaf.credits().micros());
        BigInteger tokens = Units.toBaseUnits(leaf.tokens().micros());
        return Leaves.leafHash(leaf.epoch(), leaf.address(), credits, tokens);
    }

    /** The tree's pair hash. */
    public MerkleTree.Hasher hasher() {
        return evm ? Leaves.KECCAK : EMBEDDED.hasher();
    }
}
