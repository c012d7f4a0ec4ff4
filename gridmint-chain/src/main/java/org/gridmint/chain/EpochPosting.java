package org.gridmint.chain;

import java.math.BigInteger;

/** An epoch's batch as the settlement contract holds it: the Merkle root and the totals of its leaves (base units). */
public record EpochPosting(long epoch, byte[] root, BigInteger credits, BigInteger tokens) {
    public EpochPosting {
        root = root.clone();
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EpochPosting p && p.epoch == epoch && java.util.Arrays.equals(p.root, root)
                && p.credits.equals(credits) && p.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(epoch, java.util.Arrays.hashCode(root), credits, tokens);
    }

    @Override
    public String toString() {
        return "EpochPosting[epoch=" + epoch + ", root=" + Hex.encode(root) + ", credits=" + credits + ", tokens=" + tokens + "]";
    }
}
