package org.gridmint.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.coordinator.store.StoreFixtures.at;
import static org.gridmint.coordinator.store.StoreFixtures.attempt;
import static org.gridmint.coordinator.store.StoreFixtures.ended;
import static org.gridmint.coordinator.store.StoreFixtures.job;

import java.util.List;
import org.gridmint.coordinator.store.ReportTx.ChargedRuntime;
import org.gridmint.coordinator.store.ReportTx.EpochProvider;
import org.gridmint.coordinator.store.ReportTx.EpochWork;
import org.gridmint.coordinator.store.ReportTx.JournalSum;
import org.gridmint.core.economics.Tokens;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.LedgerRules;
import org.gridmint.core.ledger.Posting;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.Test;

/**
 * The store contract for the network report's reads: rows bucketed into one-minute epochs from {@code at(0)}, only those in
 * the window (epochs 0..2) counted, the same on SQLite and PostgreSQL.
 */
interface ReportStoreContract extends StoreHarness {
    ReportTx.Grid GRID = new ReportTx.Grid(at(0).toEpochMilli(), 60_000, 0, 2);
    LedgerAccount ALICE = LedgerAccount.party(AccountId.of("acct-report-alice"));
    LedgerAccount BOB = LedgerAccount.party(AccountId.of("acct-report-bob"));
    LedgerAccount ESCROW = LedgerAccount.escrow(JobId.of("job-report"));

    private void post(PostingKind kind, String ref, LedgerAccount from, LedgerAccount to, long micros, long atSeconds) {
        run(tx -> assertThat(tx.ledger().post(new Posting(kind, ref, from, to, Credits.ofMicros(micros)), at(atSeconds)))
                .isInstanceOf(LedgerRules.Decision.Post.class));
    }

    @Test
    default void journalSums_bucketByEpochKindAndTreasury_withinTheWindowOnly() {
        post(PostingKind.DEPOSIT, "before", LedgerAccount.ISSUER, ALICE, 7, -10);
        post(PostingKind.DEPOSIT, "d1", LedgerAccount.ISSUER, ALICE, 1000, 1);
        post(PostingKind.HOLD, "h1", ALICE, ESCROW, 600, 2);
        post(PostingKind.PAY, "t0", ESCROW, BOB, 300, 30);
        post(PostingKind.FEE, "t0", ESCROW, LedgerAccount.TREASURY, 3, 30);
        post(PostingKind.PAY, "t1", ESCROW, BOB, 200, 70);
        post(PostingKind.FEE, "t1", ESCROW, LedgerAccount.TREASURY, 2, 119);
        post(PostingKind.INFERENCE, "u1", ALICE, BOB, 50, 130);
        post(PostingKind.INFERENCE, "u1/fee", ALICE, LedgerAccount.TREASURY, 5, 179);
        post(PostingKind.PAY, "t2", ESCROW, BOB, 10, 180); // the window's end is exclusive

        List<JournalSum> sums = tx((StoreTx tx) -> tx.report().journalSums(GRID));

        assertThat(sums).containsExactly(
                new JournalSum(0, PostingKind.DEPOSIT, false, 1000), new JournalSum(0, PostingKind.FEE, true, 3),
                new JournalSum(0, PostingKind.HOLD, false, 600), new JournalSum(0, PostingKind.PAY, false, 300),
                new JournalSum(1, PostingKind.FEE, true, 2), new JournalSum(1, PostingKind.PAY, false, 200),
                new JournalSum(2, PostingKind.INFERENCE, false, 50), new JournalSum(2, PostingKind.INFERENCE, true, 5));
    }

    @Test
    default void activeProviders_areThoseWhoseAttemptsEndedInEachEpoch_oncePerEpoch() {
        var job = insert(job("job-active"));
        TaskId t0 = new TaskId(job.id(), 0);
        TaskId t1 = new TaskId(job.id(), 1);
        TaskId t2 = new TaskId(job.id(), 2);
        run(tx -> {
            // ended() ends an attempt a second before its lease would expire.
            tx.insertAttempt(ended(attempt("att-a", t0, 1, "prov-1", at(11)), AttemptState.SUCCEEDED));
            tx.insertAttempt(ended(attempt("att-b", t0, 2, "prov-1", at(21)), AttemptState.FAILED));
            tx.insertAttempt(ended(attempt("att-c", t1, 1, "prov-2", at(66)), AttemptState.LOST));
            tx.insertAttempt(attempt("att-d", t1, 2, "prov-3", at(90))); // still running: not counted
            tx.insertAttempt(ended(attempt("att-e", t2, 1, "prov-4", at(301)), AttemptState.SUCCEEDED)); // after the window
        });

        assertThat(tx((StoreTx tx) -> tx.report().activeProviders(GRID))).containsExactly(new EpochProvider(0, "prov-1"), new EpochProvider(1, "prov-2"));
    }

    @Test
    default void chargedRuntime_addsTaskAndResumedChargesPerEpochAndJob() {
        TaskId a0 = new TaskId(JobId.of("job-a"), 0);
        TaskId a1 = new TaskId(JobId.of("job-a"), 1);
        TaskId b0 = new TaskId(JobId.of("job-b"), 0);
        Credits c = Credits.ofMicros(1);
        run(tx -> {
            tx.ledger().insertCharge(new TaskCharge(a0, AttemptId.of("att-1"), ProviderId.of("prov-1"), "acct-o", 1000, c, c, Credits.ZERO, c, at(30)));
            tx.ledger().insertCharge(new TaskCharge(a1, AttemptId.of("att-2"), ProviderId.of("prov-1"), "acct-o", 2000, c, c, Credits.ZERO, c, at(70)));
            tx.ledger().insertResumedCharge(new TaskCharge(a1, AttemptId.of("att-3"), ProviderId.of("prov-2"), "acct-o", 500, c, c, Credits.ZERO, c, at(75)));
            tx.ledger().insertCharge(new TaskCharge(b0, AttemptId.of("att-4"), ProviderId.of("prov-1"), "acct-o", 700, c, c, Credits.ZERO, c, at(40)));
            tx.ledger().insertCharge(new TaskCharge(new TaskId(JobId.of("job-b"), 1), AttemptId.of("att-5"), ProviderId.of("prov-1"), "acct-o", 9, c, c,
                    Credits.ZERO, c, at(400)));
        });

        assertThat(tx((StoreTx tx) -> tx.report().chargedRuntime(GRID))).containsExactly(new ChargedRuntime(0, "job-a", 1000), new ChargedRuntime(0, "job-b", 700),
                new ChargedRuntime(1, "job-a", 2500));
    }

    @Test
    default void rewardedWorkAndClosedEpochs_areReadForTheRangeOnly() {
        run(tx -> {
            tx.economics().insertRewardedWork(List.of(new EconomicsTx.RewardedWork("att-1", 0, "vd-1", "prov-1", "acct-o", 100),
                    new EconomicsTx.RewardedWork("att-2", 0, "vd-1", "prov-2", "acct-p", 50), new EconomicsTx.RewardedWork("att-3", 1, "vd-2", "prov-1", "acct-o", 30),
                    new EconomicsTx.RewardedWork("att-4", 5, "vd-3", "prov-1", "acct-o", 9)));
            for (long n : new long[] {0, 1, 4})
                tx.economics().insertEpoch(new EconomicsTx.EpochRecord(n, at(60 * n), at(60 * n + 60), Tokens.ofMicros(1000), Tokens.ofMicros(n == 0 ? 1000 : 0),
                        Tokens.ofMicros(100), 150, Credits.ofMicros(7), Tokens.ofMicros(3), 1, n == 0 ? "0xabc" : null, "evm",
                        n == 0 ? EconomicsTx.POSTED : EconomicsTx.SETTLED, n == 0 ? "0xfeed" : null, at(60 * n + 61), null));
        });

        assertThat(tx((StoreTx tx) -> tx.report().rewardedWork(0, 2))).containsExactly(new EpochWork(0, 150), new EpochWork(1, 30));
        assertThat(tx((StoreTx tx) -> tx.report().closedEpochs(0, 2))).containsExactly(
                new ReportTx.ClosedEpoch(0, 1000, 7, 3, "0xabc", "0xfeed", EconomicsTx.POSTED, 0),
                new ReportTx.ClosedEpoch(1, 0, 7, 3, null, null, EconomicsTx.SETTLED, 0));
    }
}
