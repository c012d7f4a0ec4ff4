package org.gridmint.core.economics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A binary Merkle tree over 32-byte leaf hashes, with the pairing rule of OpenZeppelin's {@code MerkleProof}: a parent
 * is the hash of its two children in ascending byte order, and a node without a sibling moves up unchanged. A proof is
 * then just the list of siblings, and the same root is computed on-chain in Solidity. The hash function is handed in
 * (Keccak-256 on an EVM chain, SHA-256 in the embedded settlement): the core computes no chain's hash itself.
 */
public final class MerkleTree {
    /** Hashes 64 bytes (two children, ascending) into 32. */
    @FunctionalInterface
    public interface Hasher {
        byte[] hash(byte[] input);
    }

    private final Hasher hasher;
    /** levels.get(0) are the leaves; the last level holds the root alone. */
    private final List<byte[][]> levels = new ArrayList<>();

    /** @param leaves the leaves' hashes (32 bytes each), at least one, in the order their proofs are asked by */
    public MerkleTree(List<byte[]> leaves, Hasher hasher) {
        if (leaves == null || leaves.isEmpty()) throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
        this.hasher = hasher;
        byte[][] level = new byte[leaves.size()][];
        for (int i = 0; i < level.length; i++) {
            byte[] leaf = leaves.get(i);
            if (leaf == null || leaf.length != 32) throw new IllegalArgumentException("leaf " + i + " is not a 32-byte hash");
            level[i] = leaf.clone();
        }
        levels.add(level);
        while (level.length > 1) {
            byte[][] up = new byte[(level.length + 1) / 2][];
            for (int i = 0; i < up.length; i++) {
                up[i] = 2 * i + 1 < level.length ? parent(level[2 * i], level[2 * i + 1], hasher) : level[2 * i];
            }
            levels.add(up);
            level = up;
        }
    }

    public byte[] root() {
        return levels.getLast()[0].clone();
    }

    public int size() {
        return levels.getFirst().length;
    }

    /** The siblings from leaf {@code index} up to the root. */
    public List<byte[]> proof(int index) {
        if (index < 0 || index >= size()) throw new IndexOutOfBoundsException("leaf " + index + " of " + size());
        List<byte[]> proof = new ArrayList<>();
        int i = index;
        for (int l = 0; l < levels.size() - 1; l++) {
            byte[][] level = levels.get(l);
            int sibling = i ^ 1;
            if (sibling < level.length) proof.add(level[sibling].clone());
            i /= 2;
        }
        return proof;
    }

    /** Whether {@code proof} leads from {@code leaf} to {@code root}: what the contract's claim checks. */
    public static boolean verify(List<byte[]> proof, byte[] root, byte[] leaf, Hasher hasher) {
        byte[] node = leaf;
        for (byte[] sibling : proof) node = parent(node, sibling, hasher);
        return Arrays.equals(node, root);
    }

    private static byte[] parent(byte[] a, byte[] b, Hasher hasher) {
        boolean aFirst = Arrays.compareUnsigned(a, b) <= 0;
        byte[] joined = new byte[64];
        System.arraycopy(aFirst ? a : b, 0, joined, 0, 32);
        System.arraycopy(aFirst ? b : a, 0, joined, 32, 32);
        byte[] h = hasher.hash(joined);
        if (h == null || h.length != 32) throw new IllegalStateException("the hasher must return 32 bytes");
        return h;
    }
}
