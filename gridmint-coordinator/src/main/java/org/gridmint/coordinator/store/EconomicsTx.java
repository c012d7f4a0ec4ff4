package org.gridmint.coordinator.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.gridmint.core.economics.Tokens;
import org.gridmint.core.money.Credits;

/**
 * The economics tables inside one store transaction ({@link StoreTx#economics()}): network facts, closed epochs, the
 * verified work they rewarded, GRID balances, payout addresses, withdrawals and settlement leaves (V13).
 */
public interface EconomicsTx {

    /** Epoch states: CLOSED (batch computed, not yet posted), POSTED (root on-chain), SETTLED (nothing to post). */
    String CLOSED = "CLOSED";
    String POSTED = "POSTED";
    String SETTLED = "SETTLED";

    /** One closed epoch as its row holds it. */
    record EpochRecord(long epoch, Instant startsAt, Instant endsAt, Tokens emission, Tokens minted, Tokens treasuryTokens, long verifiedGpuMs,
                       Credits payoutCredits, Tokens payoutTokens, int leaves, String root, String settlement, String state, String txHash,
                       Instant closedAt, Instant postedAt) {}

    /** One attempt whose verified result an epoch rewarded. */
    record RewardedWork(String attemptId, long epoch, String verdictId, String providerId, String account, long gpuMs) {}

    /** One account's GRID from one epoch (the treasury's share under "treasury"). */
    record EpochReward(long epoch, String account, long gpuMs, Tokens tokens) {}

    /** GRID rewarded to an account and not yet paid out on-chain, and what was. */
    record TokenBalance(String account, Tokens unsettled, Tokens settled) {}

    /** Where an account is paid on-chain: 0x and 40 lower-case hex digits. */
    record PayoutAddress(String account, String address, Instant updatedAt) {}

    /** A withdrawal asked for; {@code epoch} is null until a closing epoch takes it into its batch. */
    record Withdrawal(String id, String account, String address, Credits amount, Instant requestedAt, Long epoch) {}

    /** One leaf of an epoch's settlement batch; {@code leaf} is its hash, 0x and 64 hex digits. */
    record Leaf(long epoch, int index, String address, Credits credits, Tokens tokens, String leaf) {}

    /** What one leaf paid one account: a leaf's credits and GRID are the sums of its accounts' rows. */
    record LeafAccount(long epoch, String address, String account, Credits credits, Tokens tokens) {}

    // --- network facts

    Optional<String> fact(String name);

    /** Records a fact unless one of that name exists (a racing coordinator may have recorded it first); returns whether it did. */
    boolean insertFact(String name, String value);

    // --- epochs

    void insertEpoch(EpochRecord epoch);

    Optional<EpochRecord> epoch(long epoch);

    /** The newest closed epoch's number, or empty when none was closed. */
    Optional<Long> lastEpoch();

    /** Epochs in {@code state}, oldest first. */
    List<EpochRecord> epochsIn(String state);

    /** The newest epochs first, at most {@code limit}. */
    List<EpochRecord> recentEpochs(int limit);

    /**
     * Moves a CLOSED epoch to POSTED; returns false (changing nothing) when it was not CLOSED.
     *
     * @param operatorFunding credits the operator transferred to the settlement contract to back the batch
     */
    boolean markPosted(long epoch, String txHash, Credits operatorFunding, Instant at);

    /**
     * Records that a CLOSED epoch's root was sent on-chain in {@code txHash}, not yet confirmed: it stays CLOSED until its
     * post is buried deep enough ({@link #confirmPost}). A post sent again (a reorg dropped the first) replaces the tx hash;
     * the funding kept is the larger of the stored and the new (a resend funds nothing the first top-up did not).
     *
     * @param operatorFunding credits the operator transferred to back this post's batch; returns false when not CLOSED
     */
    boolean recordPost(long epoch, String txHash, Credits operatorFunding);

    /** Moves a CLOSED epoch whose post is confirmed to POSTED, keeping the funding {@link #recordPost} recorded; false when not CLOSED. */
    boolean confirmPost(long epoch, String txHash, Instant at);

    void scanEpochs(Consumer<EpochRecord> each);

    /** ACCEPTED verdicts decided in [from, to), by time of decision. */
    List<VerdictRecord> acceptedVerdicts(Instant from, Instant to);

    /**
     * ACCEPTED verdicts decided in [from, to) that no epoch's close examined yet ({@link #markExamined}), by time of
     * decision: a verdict committed after the epoch it was decided in closed is still found by the next close.
     */
    List<VerdictRecord> unexaminedVerdicts(Instant from, Instant to);

    /** Records that epoch {@code epoch}'s close examined these verdicts, so that no later close reads them again. */
    void markExamined(List<String> verdictIds, long epoch);

    /**
     * What {@code account} was credited in [from, to) as income: PAY, VERIFY, INFERENCE and SLASH postings to it
     * (what an epoch's sweep may pay out).
     */
    Credits incomeIn(String account, Instant from, Instant to);

    // --- rewards

    boolean rewarded(String attemptId);

    void insertRewardedWork(List<RewardedWork> work);

    void scanRewardedWork(Consumer<RewardedWork> each);

    void insertEpochRewards(List<EpochReward> rewards);

    /** One epoch's rewards by account. */
    List<EpochReward> epochRewards(long epoch);

    void scanEpochRewards(Consumer<EpochReward> each);

    /** The account's GRID; zeros when it has none. */
    TokenBalance tokenBalance(String account);

    /** Every account's GRID, by account. */
    List<TokenBalance> tokenBalances();

    void addUnsettled(String account, Tokens tokens);

    /** Moves {@code tokens} from the account's unsettled GRID to its settled GRID. */
    void settleTokens(String account, Tokens tokens);

    // --- payout addresses and withdrawals

    void savePayoutAddress(PayoutAddress address);

    Optional<PayoutAddress> payoutAddress(String account);

    /** Every payout address, by account. */
    List<PayoutAddress> payoutAddresses();

    void insertWithdrawal(Withdrawal withdrawal);

    Optional<Withdrawal> withdrawal(String id);

    /** The account's withdrawals, newest first, at most {@code limit}. */
    List<Withdrawal> withdrawals(String account, int limit);

    /** Withdrawals in no epoch yet that were asked for before {@code before}, oldest first. */
    List<Withdrawal> unbatchedWithdrawals(Instant before);

    /** Puts the withdrawals into {@code epoch}'s batch. */
    void batchWithdrawals(List<String> ids, long epoch);

    void scanWithdrawals(Consumer<Withdrawal> each);

    // --- settlement leaves

    void insertLeaves(List<Leaf> leaves);

    /** One epoch's leaves by index. */
    List<Leaf> leaves(long epoch);

    /** Every leaf paying {@code address}, oldest epoch first. */
    List<Leaf> leavesOf(String address);

    void scanLeaves(Consumer<Leaf> each);

    void insertLeafAccounts(List<LeafAccount> rows);

    /** Every leaf that paid {@code account} (at whatever address), oldest epoch first, then by index. */
    List<Leaf> leavesPaying(String account);

    void scanLeafAccounts(Consumer<LeafAccount> each);
}
