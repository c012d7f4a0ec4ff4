package org.gridmint.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.coordinator.store.StoreFixtures.at;

import java.util.List;
import org.gridmint.coordinator.store.EconomicsTx.EpochRecord;
import org.gridmint.coordinator.store.EconomicsTx.Leaf;
import org.gridmint.coordinator.store.EconomicsTx.TokenBalance;
import org.gridmint.coordinator.store.EconomicsTx.Withdrawal;
import org.gridmint.core.economics.Tokens;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.Posting;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.Test;

/** The store contract for the economics (V13): facts recorded once, epochs, GRID balances, withdrawals, leaves and income by time. */
interface EconomicsStoreContract extends StoreHarness {

    private static EpochRecord epoch(long n, String state) {
        return new EpochRecord(n, at(60 * n), at(60 * n + 60), Tokens.ofMicros(1000), Tokens.ofMicros(900), Tokens.ofMicros(90), 400,
                Credits.ofMicros(5), Tokens.ofMicros(810), 1, state.equals(EconomicsTx.SETTLED) ? null : "0x" + "ab".repeat(32), "evm", state, null,
                at(60 * n + 61), null);
    }

    @Test
    default void facts_areRecordedOnce_theFirstValueStays() {
        assertThat(tx((StoreTx tx) -> tx.economics().insertFact("genesis", "1000"))).isTrue();
        assertThat(tx((StoreTx tx) -> tx.economics().insertFact("genesis", "2000"))).isFalse();

        assertThat(tx((StoreTx tx) -> tx.economics().fact("genesis"))).contains("1000");
        assertThat(tx((StoreTx tx) -> tx.economics().fact("nothing"))).isEmpty();
    }

    @Test
    default void epochs_areFoundByNumberAndState_andPostedOnceFromClosed() {
        assertThat(tx((StoreTx tx) -> tx.economics().lastEpoch())).isEmpty();
        run(tx -> {
            tx.economics().insertEpoch(epoch(0, EconomicsTx.SETTLED));
            tx.economics().insertEpoch(epoch(1, EconomicsTx.CLOSED));
        });

        assertThat(tx((StoreTx tx) -> tx.economics().lastEpoch())).contains(1L);
        assertThat(tx((StoreTx tx) -> tx.economics().epoch(0))).contains(epoch(0, EconomicsTx.SETTLED));
        assertThat(tx((StoreTx tx) -> tx.economics().epochsIn(EconomicsTx.CLOSED))).extracting(EpochRecord::epoch).containsExactly(1L);
        assertThat(tx((StoreTx tx) -> tx.economics().markPosted(1, "0xfeed", Credits.ofMicros(2_500), at(200)))).isTrue();
        assertThat(tx((StoreTx tx) -> tx.economics().markPosted(1, "0xother", Credits.ofMicros(9), at(300)))).isFalse();
        // What the operator funded to back the batch is kept with it, and the first posting's figure stands.
        assertThat(tx((StoreTx tx) -> tx.report().closedEpochs(1, 1))).singleElement().satisfies(c -> assertThat(c.operatorFunding()).isEqualTo(2_500));
        EpochRecord posted = tx((StoreTx tx) -> tx.economics().epoch(1)).orElseThrow();
        assertThat(posted.state()).isEqualTo(EconomicsTx.POSTED);
        assertThat(posted.txHash()).isEqualTo("0xfeed");
        assertThat(posted.postedAt()).isEqualTo(at(200));
        assertThat(tx((StoreTx tx) -> tx.economics().recentEpochs(1))).extracting(EpochRecord::epoch).containsExactly(1L);
        assertThatThrownBy(() -> run(tx -> tx.economics().insertEpoch(epoch(1, EconomicsTx.CLOSED)))).isInstanceOf(StoreException.class);
    }

    @Test
    default void aSentPost_staysClosedWithItsTxAndFunding_untilConfirmed_andAResendReplacesTheTx_keepingTheLargerFunding() {
        run(tx -> tx.economics().insertEpoch(epoch(1, EconomicsTx.CLOSED)));

        assertThat(tx((StoreTx tx) -> tx.economics().recordPost(1, "0xfirst", Credits.ofMicros(700)))).isTrue();
        assertThat(tx((StoreTx tx) -> tx.economics().epoch(1)).orElseThrow()).satisfies(e -> {
            assertThat(e.state()).isEqualTo(EconomicsTx.CLOSED);
            assertThat(e.txHash()).isEqualTo("0xfirst");
        });
        // A reorg dropped the first post: sent again, its tx replaces the first's; it funded less (the first top-up stayed), so 700 stands.
        assertThat(tx((StoreTx tx) -> tx.economics().recordPost(1, "0xsecond", Credits.ofMicros(400)))).isTrue();
        assertThat(tx((StoreTx tx) -> tx.report().closedEpochs(1, 1))).singleElement().satisfies(c -> assertThat(c.operatorFunding()).isEqualTo(700));
        assertThat(tx((StoreTx tx) -> tx.economics().recordPost(1, "0xsecond", Credits.ofMicros(900)))).isTrue();
        assertThat(tx((StoreTx tx) -> tx.economics().confirmPost(1, "0xsecond", at(500)))).isTrue();
        assertThat(tx((StoreTx tx) -> tx.economics().confirmPost(1, "0xthird", at(600)))).isFalse();
        assertThat(tx((StoreTx tx) -> tx.economics().recordPost(1, "0xlate", Credits.ofMicros(1)))).isFalse();

        EpochRecord posted = tx((StoreTx tx) -> tx.economics().epoch(1)).orElseThrow();
        assertThat(posted.state()).isEqualTo(EconomicsTx.POSTED);
        assertThat(posted.txHash()).isEqualTo("0xsecond");
        assertThat(posted.postedAt()).isEqualTo(at(500));
        assertThat(tx((StoreTx tx) -> tx.report().closedEpochs(1, 1))).singleElement().satisfies(c -> assertThat(c.operatorFunding()).isEqualTo(900));
    }

    @Test
    default void gridBalances_addUp_andSettleNoMoreThanIsUnsettled() {
        run(tx -> {
            tx.economics().addUnsettled("acct-a", Tokens.ofMicros(70));
            tx.economics().addUnsettled("acct-a", Tokens.ofMicros(30));
            tx.economics().settleTokens("acct-a", Tokens.ofMicros(60));
        });

        assertThat(tx((StoreTx tx) -> tx.economics().tokenBalance("acct-a"))).isEqualTo(new TokenBalance("acct-a", Tokens.ofMicros(40), Tokens.ofMicros(60)));
        assertThat(tx((StoreTx tx) -> tx.economics().tokenBalance("acct-none"))).isEqualTo(new TokenBalance("acct-none", Tokens.ZERO, Tokens.ZERO));
        assertThatThrownBy(() -> run(tx -> tx.economics().settleTokens("acct-a", Tokens.ofMicros(41)))).isInstanceOf(StoreException.class);
        assertThat(tx((StoreTx tx) -> tx.economics().tokenBalances())).hasSize(1);
    }

    @Test
    default void withdrawals_waitForAnEpoch_byTimeAskedFor_andAreBatchedOnce() {
        var early = new Withdrawal("wd-1", "acct-a", "0x" + "1".repeat(40), Credits.ofMicros(10), at(10), null);
        var late = new Withdrawal("wd-2", "acct-a", "0x" + "1".repeat(40), Credits.ofMicros(20), at(70), null);
        run(tx -> {
            tx.economics().insertWithdrawal(early);
            tx.economics().insertWithdrawal(late);
        });

        assertThat(tx((StoreTx tx) -> tx.economics().unbatchedWithdrawals(at(60)))).containsExactly(early);
        run(tx -> tx.economics().batchWithdrawals(List.of("wd-1"), 0));
        run(tx -> tx.economics().batchWithdrawals(List.of("wd-1"), 5));

        assertThat(tx((StoreTx tx) -> tx.economics().withdrawal("wd-1")).orElseThrow().epoch()).isZero();
        assertThat(tx((StoreTx tx) -> tx.economics().unbatchedWithdrawals(at(100)))).containsExactly(late);
        assertThat(tx((StoreTx tx) -> tx.economics().withdrawals("acct-a", 10))).extracting(Withdrawal::id).containsExactly("wd-2", "wd-1");
    }

    @Test
    default void leaves_areListedByEpochAndByAddress() {
        String x = "0x" + "1".repeat(40);
        String y = "0x" + "2".repeat(40);
        run(tx -> {
            tx.economics().insertLeaves(List.of(new Leaf(0, 0, x, Credits.ofMicros(1), Tokens.ZERO, "0x01"), new Leaf(0, 1, y, Credits.ZERO, Tokens.ofMicros(2), "0x02")));
            tx.economics().insertLeaves(List.of(new Leaf(1, 0, x, Credits.ofMicros(3), Tokens.ofMicros(4), "0x03")));
        });

        assertThat(tx((StoreTx tx) -> tx.economics().leaves(0))).extracting(Leaf::address).containsExactly(x, y);
        assertThat(tx((StoreTx tx) -> tx.economics().leavesOf(x))).extracting(Leaf::epoch).containsExactly(0L, 1L);
    }

    @Test
    default void leavesPaying_anAccount_areEveryLeafWithItsRow_atAnyAddress() {
        String x = "0x" + "1".repeat(40);
        String y = "0x" + "2".repeat(40);
        run(tx -> {
            tx.economics().insertLeaves(List.of(new Leaf(0, 0, x, Credits.ofMicros(3), Tokens.ZERO, "0x01"), new Leaf(0, 1, y, Credits.ofMicros(4), Tokens.ZERO, "0x02")));
            tx.economics().insertLeaves(List.of(new Leaf(1, 0, x, Credits.ofMicros(5), Tokens.ZERO, "0x03")));
            tx.economics().insertLeafAccounts(List.of(new EconomicsTx.LeafAccount(0, x, "acct-a", Credits.ofMicros(1), Tokens.ZERO),
                    new EconomicsTx.LeafAccount(0, x, "acct-b", Credits.ofMicros(2), Tokens.ZERO),
                    new EconomicsTx.LeafAccount(0, y, "acct-a", Credits.ofMicros(4), Tokens.ZERO),
                    new EconomicsTx.LeafAccount(1, x, "acct-b", Credits.ofMicros(5), Tokens.ZERO)));
        });

        assertThat(tx((StoreTx tx) -> tx.economics().leavesPaying("acct-a"))).extracting(Leaf::leaf).containsExactly("0x01", "0x02");
        assertThat(tx((StoreTx tx) -> tx.economics().leavesPaying("acct-b"))).extracting(Leaf::leaf).containsExactly("0x01", "0x03");
        assertThat(tx((StoreTx tx) -> tx.economics().leavesPaying("acct-c"))).isEmpty();
        List<EconomicsTx.LeafAccount> rows = new java.util.ArrayList<>();
        run(tx -> tx.economics().scanLeafAccounts(rows::add));
        assertThat(rows).extracting(EconomicsTx.LeafAccount::account).containsExactly("acct-a", "acct-b", "acct-a", "acct-b");
    }

    @Test
    default void unexaminedVerdicts_areAcceptedOnesInTheRange_thatNoCloseExamined() {
        insert(StoreFixtures.job("job-a"));
        var entry = new VerdictRecord.Entry("att-1", "prov-x", "acct-alice", "d1", true, false, "agrees", 0, 0, 0);
        var rewarded = new VerdictRecord("vrd-1", StoreFixtures.task("job-a", 0), VerdictRecord.Outcome.ACCEPTED, "replicas 2", "agree",
                org.gridmint.core.ids.AttemptId.of("att-1"), List.of(entry), at(1));
        var late = new VerdictRecord("vrd-2", StoreFixtures.task("job-a", 1), VerdictRecord.Outcome.ACCEPTED, "replicas 2", "agree",
                org.gridmint.core.ids.AttemptId.of("att-2"), List.of(entry), at(2));
        var refused = new VerdictRecord("vrd-3", StoreFixtures.task("job-a", 2), VerdictRecord.Outcome.NO_QUORUM, "replicas 2", "no quorum", null,
                List.of(entry), at(3));
        var after = new VerdictRecord("vrd-4", StoreFixtures.task("job-a", 3), VerdictRecord.Outcome.ACCEPTED, "replicas 2", "agree",
                org.gridmint.core.ids.AttemptId.of("att-4"), List.of(entry), at(10));
        run(tx -> {
            for (var v : List.of(rewarded, late, refused, after)) tx.insertVerdict(v);
            tx.economics().markExamined(List.of("vrd-1"), 0);
        });

        assertThat(tx((StoreTx tx) -> tx.economics().unexaminedVerdicts(at(0), at(10)))).extracting(VerdictRecord::id).containsExactly("vrd-2");
        assertThat(tx((StoreTx tx) -> tx.economics().unexaminedVerdicts(at(3), at(11)))).extracting(VerdictRecord::id).containsExactly("vrd-4");
        assertThatThrownBy(() -> run(tx -> tx.economics().markExamined(List.of("vrd-1"), 1))).as("examined once").isInstanceOf(RuntimeException.class);
    }

    @Test
    default void income_countsOnlyEarningsToTheAccount_withinTheRange() {
        LedgerAccount a = LedgerAccount.party(AccountId.of("acct-a"));
        LedgerAccount b = LedgerAccount.party(AccountId.of("acct-b"));
        run(tx -> {
            tx.ledger().post(new Posting(PostingKind.DEPOSIT, "d1", LedgerAccount.ISSUER, b, Credits.ofMicros(1000)), at(1));
            tx.ledger().post(new Posting(PostingKind.DEPOSIT, "d2", LedgerAccount.ISSUER, a, Credits.ofMicros(500)), at(2));
            tx.ledger().post(new Posting(PostingKind.INFERENCE, "use-1", b, a, Credits.ofMicros(7)), at(3));
            tx.ledger().post(new Posting(PostingKind.INFERENCE, "use-2", b, a, Credits.ofMicros(11)), at(61));
        });

        assertThat(tx((StoreTx tx) -> tx.economics().incomeIn("acct-a", at(0), at(60)))).isEqualTo(Credits.ofMicros(7));
        assertThat(tx((StoreTx tx) -> tx.economics().incomeIn("acct-a", at(0), at(120)))).isEqualTo(Credits.ofMicros(18));
        assertThat(tx((StoreTx tx) -> tx.economics().incomeIn("acct-b", at(0), at(120)))).isEqualTo(Credits.ZERO);
    }
}
