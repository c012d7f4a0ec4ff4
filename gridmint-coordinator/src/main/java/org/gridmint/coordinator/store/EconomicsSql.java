package org.gridmint.coordinator.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.gridmint.core.economics.Tokens;
import org.gridmint.core.money.Credits;

/** {@link EconomicsTx} over the V13 tables, usable only while its {@link JdbcTx} is open. */
final class EconomicsSql implements EconomicsTx {
    private static final String EPOCH = "epoch, starts_at, ends_at, emission, minted, treasury_tokens, verified_gpu_ms, payout_credits, payout_tokens,"
            + " leaves, root, settlement, state, tx_hash, closed_at, posted_at";
    private static final String WITHDRAWAL = "id, account, address, amount, requested_at, epoch";
    private static final String LEAF = "epoch, idx, address, credits, tokens, leaf";
    /** The postings that count as an account's income when an epoch sweeps its earnings. */
    private static final String INCOME_KINDS = "('PAY', 'VERIFY', 'INFERENCE', 'SLASH')";

    private final Sql sql;
    private final VerifySql verify;
    private final Runnable requireOpen;

    EconomicsSql(Sql sql, VerifySql verify, Runnable requireOpen) {
        this.sql = sql;
        this.verify = verify;
        this.requireOpen = requireOpen;
    }

    @Override
    public Optional<String> fact(String name) {
        requireOpen.run();
        return sql.one("SELECT value FROM network_facts WHERE name = ?", rs -> rs.getString(1), name);
    }

    @Override
    public boolean insertFact(String name, String value) {
        requireOpen.run();
        return sql.update("INSERT INTO network_facts (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", name, value) == 1;
    }

    @Override
    public void insertEpoch(EpochRecord e) {
        requireOpen.run();
        sql.update("INSERT INTO epochs (" + EPOCH + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e.epoch(), e.startsAt(), e.endsAt(),
                e.emission(), e.minted(), e.treasuryTokens(), e.verifiedGpuMs(), e.payoutCredits(), e.payoutTokens(), e.leaves(), e.root(),
                e.settlement(), e.state(), e.txHash(), e.closedAt(), e.postedAt());
    }

    @Override
    public Optional<EpochRecord> epoch(long epoch) {
        requireOpen.run();
        return sql.one("SELECT " + EPOCH + " FROM epochs WHERE epoch = ?", EconomicsSql::epochRow, epoch);
    }

    @Override
    public Optional<Long> lastEpoch() {
        requireOpen.run();
        return sql.one("SELECT MAX(epoch) AS last FROM epochs", rs -> Optional.ofNullable(Sql.longValue(rs, "last"))).flatMap(o -> o);
    }

    @Override
    public List<EpochRecord> epochsIn(String state) {
        requireOpen.run();
        return sql.list("SELECT " + EPOCH + " FROM epochs WHERE state = ? ORDER BY epoch", EconomicsSql::epochRow, state);
    }

    @Override
    public List<EpochRecord> recentEpochs(int limit) {
        requireOpen.run();
        Sql.requireLimit(limit);
        return sql.list("SELECT " + EPOCH + " FROM epochs ORDER BY epoch DESC LIMIT ?", EconomicsSql::epochRow, limit);
    }

    /** The larger of the bound funding (bound twice) and the stored one: portable SQL (SQLite and PostgreSQL). */
    private static final String LARGER_FUNDING = "CASE WHEN ? > operator_funding THEN ? ELSE operator_funding END";

    @Override
    public boolean markPosted(long epoch, String txHash, Credits operatorFunding, Instant at) {
        requireOpen.run();
        if (operatorFunding == null || operatorFunding.isNegative()) throw new IllegalArgumentException("operatorFunding must be >= 0, was " + operatorFunding);
        return sql.update("UPDATE epochs SET state = ?, tx_hash = ?, operator_funding = " + LARGER_FUNDING + ", posted_at = ? WHERE epoch = ? AND state = ?",
                POSTED, txHash, operatorFunding, operatorFunding, at, epoch, CLOSED) == 1;
    }

    @Override
    public boolean recordPost(long epoch, String txHash, Credits operatorFunding) {
        requireOpen.run();
        if (operatorFunding == null || operatorFunding.isNegative()) throw new IllegalArgumentException("operatorFunding must be >= 0, was " + operatorFunding);
        // The larger figure stands: a post sent again after a reorg, or recorded again once found held, funds nothing new
        // (the earlier top-up stayed in the contract), and must not overwrite what was funded with zero.
        return sql.update("UPDATE epochs SET tx_hash = ?, operator_funding = " + LARGER_FUNDING + " WHERE epoch = ? AND state = ?", txHash,
                operatorFunding, operatorFunding, epoch, CLOSED) == 1;
    }

    @Override
    public boolean confirmPost(long epoch, String txHash, Instant at) {
        requireOpen.run();
        return sql.update("UPDATE epochs SET state = ?, tx_hash = ?, posted_at = ? WHERE epoch = ? AND state = ?", POSTED, txHash, at, epoch, CLOSED) == 1;
    }

    @Override
    public void scanEpochs(Consumer<EpochRecord> each) {
        requireOpen.run();
        sql.each("SELECT " + EPOCH + " FROM epochs ORDER BY epoch", rs -> each.accept(epochRow(rs)));
    }

    @Override
    public List<VerdictRecord> acceptedVerdicts(Instant from, Instant to) {
        requireOpen.run();
        return verify.acceptedVerdicts(from, to);
    }

    @Override
    public List<VerdictRecord> unexaminedVerdicts(Instant from, Instant to) {
        requireOpen.run();
        return verify.unexaminedVerdicts(from, to);
    }

    @Override
    public void markExamined(List<String> verdictIds, long epoch) {
        requireOpen.run();
        sql.batch("INSERT INTO examined_verdicts (verdict_id, epoch) VALUES (?, ?)", verdictIds, id -> new Object[] {id, epoch});
    }

    @Override
    public Credits incomeIn(String account, Instant from, Instant to) {
        requireOpen.run();
        return sql.one("SELECT COALESCE(SUM(amount), 0) FROM ledger_journal WHERE to_account = ? AND kind IN " + INCOME_KINDS + " AND at >= ? AND at < ?",
                rs -> Credits.ofMicros(rs.getLong(1)), account, from, to).orElse(Credits.ZERO);
    }

    @Override
    public boolean rewarded(String attemptId) {
        requireOpen.run();
        return sql.one("SELECT 1 FROM rewarded_work WHERE attempt_id = ?", rs -> 1, attemptId).isPresent();
    }

    @Override
    public void insertRewardedWork(List<RewardedWork> work) {
        requireOpen.run();
        sql.batch("INSERT INTO rewarded_work (attempt_id, epoch, verdict_id, provider_id, account, gpu_ms) VALUES (?, ?, ?, ?, ?, ?)", work,
                w -> new Object[] {w.attemptId(), w.epoch(), w.verdictId(), w.providerId(), w.account(), w.gpuMs()});
    }

    @Override
    public void scanRewardedWork(Consumer<RewardedWork> each) {
        requireOpen.run();
        sql.each("SELECT attempt_id, epoch, verdict_id, provider_id, account, gpu_ms FROM rewarded_work ORDER BY epoch, attempt_id",
                rs -> each.accept(new RewardedWork(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6))));
    }

    @Override
    public void insertEpochRewards(List<EpochReward> rewards) {
        requireOpen.run();
        sql.batch("INSERT INTO epoch_rewards (epoch, account, gpu_ms, tokens) VALUES (?, ?, ?, ?)", rewards,
                r -> new Object[] {r.epoch(), r.account(), r.gpuMs(), r.tokens()});
    }

    @Override
    public List<EpochReward> epochRewards(long epoch) {
        requireOpen.run();
        return sql.list("SELECT epoch, account, gpu_ms, tokens FROM epoch_rewards WHERE epoch = ? ORDER BY account", EconomicsSql::reward, epoch);
    }

    @Override
    public void scanEpochRewards(Consumer<EpochReward> each) {
        requireOpen.run();
        sql.each("SELECT epoch, account, gpu_ms, tokens FROM epoch_rewards ORDER BY epoch, account", rs -> each.accept(reward(rs)));
    }

    @Override
    public TokenBalance tokenBalance(String account) {
        requireOpen.run();
        return sql.one("SELECT account, unsettled, settled FROM token_balances WHERE account = ?", EconomicsSql::tokens, account)
                .orElse(new TokenBalance(account, Tokens.ZERO, Tokens.ZERO));
    }

    @Override
    public List<TokenBalance> tokenBalances() {
        requireOpen.run();
        return sql.list("SELECT account, unsettled, settled FROM token_balances ORDER BY account", EconomicsSql::tokens);
    }

    @Override
    public void addUnsettled(String account, Tokens tokens) {
        requireOpen.run();
        sql.update("INSERT INTO token_balances (account, unsettled, settled) VALUES (?, 0, 0) ON CONFLICT (account) DO NOTHING", account);
        sql.update("UPDATE token_balances SET unsettled = unsettled + ? WHERE account = ?", tokens, account);
    }

    @Override
    public void settleTokens(String account, Tokens tokens) {
        requireOpen.run();
        if (sql.update("UPDATE token_balances SET unsettled = unsettled - ?, settled = settled + ? WHERE account = ? AND unsettled >= ?",
                tokens, tokens, account, tokens) != 1)
            throw new StoreException("cannot settle " + tokens + " GRID of " + account + ": it has less unsettled", null);
    }

    @Override
    public void savePayoutAddress(PayoutAddress a) {
        requireOpen.run();
        sql.update("""
                INSERT INTO payout_addresses (account, address, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (account) DO UPDATE SET address = excluded.address, updated_at = excluded.updated_at""", a.account(), a.address(), a.updatedAt());
    }

    @Override
    public Optional<PayoutAddress> payoutAddress(String account) {
        requireOpen.run();
        return sql.one("SELECT account, address, updated_at FROM payout_addresses WHERE account = ?", EconomicsSql::address, account);
    }

    @Override
    public List<PayoutAddress> payoutAddresses() {
        requireOpen.run();
        return sql.list("SELECT account, address, updated_at FROM payout_addresses ORDER BY account", EconomicsSql::address);
    }

    @Override
    public void insertWithdrawal(Withdrawal w) {
        requireOpen.run();
        sql.update("INSERT INTO withdrawals (" + WITHDRAWAL + ") VALUES (?, ?, ?, ?, ?, ?)", w.id(), w.account(), w.address(), w.amount(),
                w.requestedAt(), w.epoch());
    }

    @Override
    public Optional<Withdrawal> withdrawal(String id) {
        requireOpen.run();
        return sql.one("SELECT " + WITHDRAWAL + " FROM withdrawals WHERE id = ?", EconomicsSql::withdrawalRow, id);
    }

    @Override
    public List<Withdrawal> withdrawals(String account, int limit) {
        requireOpen.run();
        Sql.requireLimit(limit);
        return sql.list("SELECT " + WITHDRAWAL + " FROM withdrawals WHERE account = ? ORDER BY requested_at DESC, id DESC LIMIT ?",
                EconomicsSql::withdrawalRow, account, limit);
    }

    @Override
    public List<Withdrawal> unbatchedWithdrawals(Instant before) {
        requireOpen.run();
        return sql.list("SELECT " + WITHDRAWAL + " FROM withdrawals WHERE epoch IS NULL AND requested_at < ? ORDER BY requested_at, id",
                EconomicsSql::withdrawalRow, before);
    }

    @Override
    public void batchWithdrawals(List<String> ids, long epoch) {
        requireOpen.run();
        sql.batch("UPDATE withdrawals SET epoch = ? WHERE id = ? AND epoch IS NULL", ids, id -> new Object[] {epoch, id});
    }

    @Override
    public void scanWithdrawals(Consumer<Withdrawal> each) {
        requireOpen.run();
        sql.each("SELECT " + WITHDRAWAL + " FROM withdrawals ORDER BY requested_at, id", rs -> each.accept(withdrawalRow(rs)));
    }

    @Override
    public void insertLeaves(List<Leaf> leaves) {
        requireOpen.run();
        sql.batch("INSERT INTO settlement_leaves (" + LEAF + ") VALUES (?, ?, ?, ?, ?, ?)", leaves,
                l -> new Object[] {l.epoch(), l.index(), l.address(), l.credits(), l.tokens(), l.leaf()});
    }

    @Override
    public List<Leaf> leaves(long epoch) {
        requireOpen.run();
        return sql.list("SELECT " + LEAF + " FROM settlement_leaves WHERE epoch = ? ORDER BY idx", EconomicsSql::leaf, epoch);
    }

    @Override
    public List<Leaf> leavesOf(String address) {
        requireOpen.run();
        return sql.list("SELECT " + LEAF + " FROM settlement_leaves WHERE address = ? ORDER BY epoch", EconomicsSql::leaf, address);
    }

    @Override
    public void scanLeaves(Consumer<Leaf> each) {
        requireOpen.run();
        sql.each("SELECT " + LEAF + " FROM settlement_leaves ORDER BY epoch, idx", rs -> each.accept(leaf(rs)));
    }

    @Override
    public void insertLeafAccounts(List<LeafAccount> rows) {
        requireOpen.run();
        sql.batch("INSERT INTO settlement_leaf_accounts (epoch, address, account, credits, tokens) VALUES (?, ?, ?, ?, ?)", rows,
                r -> new Object[] {r.epoch(), r.address(), r.account(), r.credits(), r.tokens()});
    }

    @Override
    public List<Leaf> leavesPaying(String account) {
        requireOpen.run();
        return sql.list("SELECT l.epoch, l.idx, l.address, l.credits, l.tokens, l.leaf FROM settlement_leaves l WHERE EXISTS (SELECT 1 FROM"
                + " settlement_leaf_accounts a WHERE a.account = ? AND a.epoch = l.epoch AND a.address = l.address) ORDER BY l.epoch, l.idx",
                EconomicsSql::leaf, account);
    }

    @Override
    public void scanLeafAccounts(Consumer<LeafAccount> each) {
        requireOpen.run();
        sql.each("SELECT epoch, address, account, credits, tokens FROM settlement_leaf_accounts ORDER BY epoch, address, account",
                rs -> each.accept(new LeafAccount(rs.getLong("epoch"), rs.getString("address"), rs.getString("account"),
                        Credits.ofMicros(rs.getLong("credits")), Tokens.ofMicros(rs.getLong("tokens")))));
    }

    private static EpochRecord epochRow(ResultSet rs) throws SQLException {
        return new EpochRecord(rs.getLong("epoch"), Sql.instant(rs, "starts_at"), Sql.instant(rs, "ends_at"), Tokens.ofMicros(rs.getLong("emission")),
                Tokens.ofMicros(rs.getLong("minted")), Tokens.ofMicros(rs.getLong("treasury_tokens")), rs.getLong("verified_gpu_ms"),
                Credits.ofMicros(rs.getLong("payout_credits")), Tokens.ofMicros(rs.getLong("payout_tokens")), rs.getInt("leaves"), rs.getString("root"),
                rs.getString("settlement"), rs.getString("state"), rs.getString("tx_hash"), Sql.instant(rs, "closed_at"), Sql.instant(rs, "posted_at"));
    }

    private static EpochReward reward(ResultSet rs) throws SQLException {
        return new EpochReward(rs.getLong("epoch"), rs.getString("account"), rs.getLong("gpu_ms"), Tokens.ofMicros(rs.getLong("tokens")));
    }

    private static TokenBalance tokens(ResultSet rs) throws SQLException {
        return new TokenBalance(rs.getString("account"), Tokens.ofMicros(rs.getLong("unsettled")), Tokens.ofMicros(rs.getLong("settled")));
    }

    private static PayoutAddress address(ResultSet rs) throws SQLException {
        return new PayoutAddress(rs.getString("account"), rs.getString("address"), Sql.instant(rs, "updated_at"));
    }

    private static Withdrawal withdrawalRow(ResultSet rs) throws SQLException {
        return new Withdrawal(rs.getString("id"), rs.getString("account"), rs.getString("address"), Credits.ofMicros(rs.getLong("amount")),
                Sql.instant(rs, "requested_at"), Sql.longValue(rs, "epoch"));
    }

    private static Leaf leaf(ResultSet rs) throws SQLException {
        return new Leaf(rs.getLong("epoch"), rs.getInt("idx"), rs.getString("address"), Credits.ofMicros(rs.getLong("credits")),
                Tokens.ofMicros(rs.getLong("tokens")), rs.getString("leaf"));
    }
}
