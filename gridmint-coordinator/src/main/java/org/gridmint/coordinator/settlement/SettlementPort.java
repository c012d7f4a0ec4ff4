package org.gridmint.coordinator.settlement;

import java.util.List;
import java.util.Optional;
import org.gridmint.api.ChainInfo;
import org.gridmint.core.economics.MerkleTree;

/**
 * Where an epoch's settlement batch goes, and where deposits come from. The coordinator decides what each address is
 * owed; a port only moves it. Two adapters: {@link EmbeddedSettlement} (no chain: balances stay in the ledger, today's
 * behaviour and the default) and the EVM one (the settlement contract, through web3j).
 *
 * <p>Failure modes: every call that reaches a chain may throw {@link SettlementException}; {@link #post} is idempotent
 * by epoch (posting an epoch whose root the chain already holds returns that posting), so a loop may retry it after a
 * crash between computing a batch and recording that it was posted.
 */
public interface SettlementPort extends AutoCloseable {
    /** What clients need to know to deposit and claim. */
    ChainInfo info();

    /** Whether batches and deposits go through a chain; false for the embedded settlement, which pays nothing out. */
    boolean onChain();

    /** The hash of one leaf, 32 bytes: what the contract's claim recomputes. */
    byte[] leafHash(SettlementLeaf leaf);

    /** The hash that joins two children (the contract's, for the EVM adapter). */
    MerkleTree.Hasher hasher();

    /** The address the treasury's GRID share is paid to, or empty when the treasury is not paid out. */
    Optional<String> treasuryAddress();

    /**
     * Posts an epoch's root with its totals (the sums of its leaves); idempotent by epoch.
     *
     * @return the posting as the settlement now holds it (txHash null for the embedded settlement)
     */
    PostedEpoch post(long epoch, byte[] root, org.gridmint.core.money.Credits credits, org.gridmint.core.economics.Tokens tokens);

    /** What the settlement holds for {@code epoch}: empty when it holds nothing (the embedded settlement holds nothing). */
    Optional<PostedEpoch> posted(long epoch);

    /**
     * Where the post of {@code epoch} stands: ABSENT (the settlement holds no root for it: never posted, or a reorg dropped
     * the post), PENDING (held, but its block is not yet {@code confirmations} deep) or FINAL. A settlement that holds
     * another root for the epoch throws a non-retryable {@link SettlementException}. The default answers from
     * {@link #posted}, with no depth: what it holds is final.
     *
     * @param txHash the post's transaction as the store recorded it, or null when unknown
     */
    default PostCheck checkPost(long epoch, byte[] root, String txHash) {
        return posted(epoch).map(p -> new PostCheck(PostCheck.State.FINAL, p.txHash() != null ? p.txHash() : txHash, 0))
                .orElse(new PostCheck(PostCheck.State.ABSENT, null, 0));
    }

    /**
     * What {@link #checkPost} found.
     *
     * @param txHash the transaction that posted the root as the chain holds it (null when absent or unknown)
     * @param depth blocks on top of the post's block (0 where the settlement has no blocks)
     */
    record PostCheck(State state, String txHash, long depth) {
        /** ABSENT: nothing held; PENDING: held, not deep enough; FINAL: held and deep enough to mark POSTED. */
        public enum State { ABSENT, PENDING, FINAL }
    }

    /**
     * Credits the operator funded to back {@code epoch}'s batch that no {@link #post} has reported yet (an earlier try's
     * top-up whose post then failed, though the post may have reached the chain); taken: a later call answers zero. Zero
     * for a settlement that funds nothing.
     */
    default org.gridmint.core.money.Credits takeFunded(long epoch) {
        return org.gridmint.core.money.Credits.ZERO;
    }

    /** Whether {@code address} has claimed its leaf of {@code epoch} (always false for the embedded settlement). */
    boolean claimed(long epoch, String address);

    /**
     * Deposits confirmed in blocks after {@code afterBlock} up to the chain's safe head (head - confirmations), oldest first.
     *
     * @return the deposits and the safe head they were read up to (pass it back as {@code afterBlock} next time)
     */
    Deposits confirmedDeposits(long afterBlock);

    /** Deposits read from the chain, and the block they were read up to. */
    record Deposits(List<ChainDeposit> deposits, long throughBlock) {}

    @Override
    void close();
}
