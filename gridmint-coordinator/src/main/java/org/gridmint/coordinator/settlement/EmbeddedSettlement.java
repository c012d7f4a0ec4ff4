package org.gridmint.coordinator.settlement;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import org.gridmint.api.ChainInfo;
import org.gridmint.core.economics.MerkleTree;
import org.gridmint.core.economics.Tokens;
import org.gridmint.core.money.Credits;

/**
 * The settlement without a chain, and the default: balances stay in the coordinator's ledger, nothing is paid out and no
 * deposit arrives from outside. Epoch batches are still computed (with SHA-256 leaves) so that the report and the audit
 * work the same way; posting one only records it.
 */
public final class EmbeddedSettlement implements SettlementPort {
    @Override
    public ChainInfo info() {
        return ChainInfo.embedded();
    }

    @Override
    public boolean onChain() {
        return false;
    }

    @Override
    public byte[] leafHash(SettlementLeaf leaf) {
        byte[] address = leaf.address().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(8 + address.length + 16).putLong(leaf.epoch()).put(address).putLong(leaf.credits().micros())
                .putLong(leaf.tokens().micros());
        return sha256(sha256(b.array()));
    }

    @Override
    public MerkleTree.Hasher hasher() {
        return EmbeddedSettlement::sha256;
    }

    @Override
    public Optional<String> treasuryAddress() {
        return Optional.empty();
    }

    @Override
    public PostedEpoch post(long epoch, byte[] root, Credits credits, Tokens tokens) {
        return new PostedEpoch(epoch, "0x" + java.util.HexFormat.of().formatHex(root), credits, tokens, null, Credits.ZERO);
    }

    @Override
    public Optional<PostedEpoch> posted(long epoch) {
        return Optional.empty();
    }

    @Override
    public boolean claimed(long epoch, String address) {
        return false;
    }

    @Override
    public Deposits confirmedDeposits(long afterBlock) {
        return new Deposits(List.of(), afterBlock);
    }

    @Override
    public void close() {}

    static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
