package org.gridmint.coordinator.economics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridmint.api.ChainInfo;
import org.gridmint.coordinator.settlement.LeafHashing;
import org.gridmint.coordinator.settlement.PostedEpoch;
import org.gridmint.coordinator.settlement.SettlementLeaf;
import org.gridmint.coordinator.settlement.SettlementPort;
import org.gridmint.core.economics.MerkleTree;
import org.gridmint.core.economics.Tokens;
import org.gridmint.core.money.Credits;

/**
 * A settlement port that says it is on-chain and records what is posted and claimed, with the EVM adapter's keccak
 * leaves (the epochs it closes say "evm", and ledger verify recomputes them so): a port adapter is an edge (the EVM one is tested against anvil), so the coordinator's batches are
 * tested through this one. Posting may be made to fail a number of times, as a chain that cannot be reached would.
 */
final class RecordingSettlement implements SettlementPort {
    static final String TREASURY = "0x" + "7".repeat(40);

    private final LeafHashing hashes = LeafHashing.of(ChainInfo.EVM).orElseThrow();
    private final Map<Long, PostedEpoch> posted = new ConcurrentHashMap<>();
    private final Set<String> claims = ConcurrentHashMap.newKeySet();
    final List<Long> posts = new ArrayList<>();
    final AtomicInteger failures = new AtomicInteger();
    private final boolean payTreasury;

    RecordingSettlement(boolean payTreasury) {
        this.payTreasury = payTreasury;
    }

    @Override
    public ChainInfo info() {
        return new ChainInfo(ChainInfo.EVM, 31337L, "http://127.0.0.1:1", "0x" + "1".repeat(40), "0x" + "2".repeat(40), "0x" + "3".repeat(40), 1,
                "0x" + "4".repeat(40));
    }

    @Override
    public boolean onChain() {
        return true;
    }

    @Override
    public byte[] leafHash(SettlementLeaf leaf) {
        return hashes.leafHash(leaf);
    }

    @Override
    public MerkleTree.Hasher hasher() {
        return hashes.hasher();
    }

    @Override
    public Optional<String> treasuryAddress() {
        return payTreasury ? Optional.of(TREASURY) : Optional.empty();
    }

    @Override
    public synchronized PostedEpoch post(long epoch, byte[] root, Credits credits, Tokens tokens) {
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0)
            throw new org.gridmint.coordinator.settlement.SettlementException("the chain cannot be reached (test)", true, null);
        posts.add(epoch);
        return posted.computeIfAbsent(epoch, n -> new PostedEpoch(n, "0x" + java.util.HexFormat.of().formatHex(root), credits, tokens,
                "0x" + Long.toHexString(0xabc000 + n), Credits.ZERO));
    }

    @Override
    public Optional<PostedEpoch> posted(long epoch) {
        return Optional.ofNullable(posted.get(epoch));
    }

    /** Marks the address's leaf of the epoch claimed, as a claim transaction would. */
    void claim(long epoch, String address) {
        claims.add(epoch + "/" + address);
    }

    @Override
    public boolean claimed(long epoch, String address) {
        return claims.contains(epoch + "/" + address);
    }

    @Override
    public Deposits confirmedDeposits(long afterBlock) {
        return new Deposits(List.of(), afterBlock);
    }

    @Override
    public void close() {}
}
