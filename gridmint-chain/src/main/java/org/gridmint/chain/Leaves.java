package org.gridmint.chain;

import java.math.BigInteger;
import org.gridmint.core.economics.MerkleTree;
import org.web3j.crypto.Hash;

/**
 * The settlement contract's hashes in Java: Keccak-256, and an epoch leaf exactly as {@code Settlement.claim} recomputes
 * it, {@code keccak256(bytes.concat(keccak256(abi.encode(uint64 epoch, address account, uint256 credits, uint256 tokens))))}
 * (hashed twice, as OpenZeppelin recommends, so a leaf can never be mistaken for an inner node of 64 bytes).
 */
public final class Leaves {
    /** Keccak-256, the contract's pair hash for {@link MerkleTree}. */
    public static final MerkleTree.Hasher KECCAK = Leaves::keccak256;

    private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

    private Leaves() {}

    public static byte[] keccak256(byte[] input) {
        return Hash.sha3(input);
    }

    /** The leaf hash of {@code account}'s payout in {@code epoch}; amounts are base units (18 decimals). */
    public static byte[] leafHash(long epoch, String address, BigInteger credits, BigInteger tokens) {
        if (epoch < 0) throw new IllegalArgumentException("epoch must be >= 0, was " + epoch);
        byte[] account = Hex.decode("address", Hex.address("address", address));
        byte[] encoded = new byte[128];
        putUint(encoded, 0, BigInteger.valueOf(epoch), "epoch");
        System.arraycopy(account, 0, encoded, 32 + 12, 20);
        putUint(encoded, 64, credits, "credits");
        putUint(encoded, 96, tokens, "tokens");
        return keccak256(keccak256(encoded));
    }

    private static void putUint(byte[] into, int offset, BigInteger value, String field) {
        if (value == null || value.signum() < 0 || value.compareTo(UINT256_LIMIT) >= 0) {
            throw new IllegalArgumentException(field + " must be a uint256, was " + value);
        }
        byte[] b = value.toByteArray(); // big-endian, maybe with a leading 0 sign byte
        int len = Math.min(b.length, 32);
        System.arraycopy(b, b.length - len, into, offset + 32 - len, len);
    }
}
