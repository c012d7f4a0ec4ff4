package org.gridmint.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.coordinator.store.StoreFixtures.at;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.gridmint.coordinator.ledger.LedgerVerifier;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.ledger.JournalEntry;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.LedgerRules;
import org.gridmint.core.ledger.Posting;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.Test;

/** The store contract for the ledger: postings, their chain and balances, idempotency, refusals, races and charges. */
interface LedgerStoreContract extends StoreHarness {
    AccountId ALICE = AccountId.of("acct-alice");
    AccountId BOB = AccountId.of("acct-bob");

    static Posting deposit(String ref, AccountId to, String amount) {
        return new Posting(PostingKind.DEPOSIT, ref, LedgerAccount.ISSUER, LedgerAccount.party(to), Credits.parse(amount));
    }

    static Posting hold(String job, AccountId from, String amount) {
        return new Posting(PostingKind.HOLD, job, LedgerAccount.party(from), LedgerAccount.escrow(JobId.of(job)), Credits.parse(amount));
    }

    default Credits balanceOf(AccountId a) {
        return store().inTransaction(tx -> tx.ledger().balance(LedgerAccount.party(a)));
    }

    default long headSeq() {
        return store().inTransaction(tx -> tx.ledger().head().seq());
    }

    @Test
    default void post_writesAChainedEntry_andMovesBalances() {
        var decisions = tx(tx -> tx.ledger().post(List.of(deposit("d-1", ALICE, "10"), hold("job-1", ALICE, "4")), at(1)));

        assertThat(decisions).allMatch(d -> d instanceof LedgerRules.Decision.Post);
        tx(tx -> {
            assertThat(tx.ledger().balance(LedgerAccount.party(ALICE))).isEqualTo(Credits.parse("6"));
            assertThat(tx.ledger().balance(LedgerAccount.escrow(JobId.of("job-1")))).isEqualTo(Credits.parse("4"));
            assertThat(tx.ledger().balance(LedgerAccount.ISSUER)).isEqualTo(Credits.parse("-10"));
            JournalEntry second = tx.ledger().entry(PostingKind.HOLD, "job-1").orElseThrow();
            JournalEntry first = tx.ledger().entry(PostingKind.DEPOSIT, "d-1").orElseThrow();
            assertThat(first.prevHash()).isEqualTo(JournalEntry.GENESIS);
            assertThat(second.prevHash()).isEqualTo(first.hash());
            assertThat(second.hashHolds()).isTrue();
            assertThat(tx.ledger().head()).isEqualTo(new LedgerTx.JournalHead(2, second.hash()));
            return null;
        });
        assertThat(LedgerVerifier.verify(store()).ok()).isTrue();
    }

    @Test
    default void post_again_isAlreadyPosted_andChangesNothing() {
        run(tx -> tx.ledger().post(deposit("d-1", ALICE, "10"), at(1)));

        var again = tx(tx -> tx.ledger().post(deposit("d-1", ALICE, "10"), at(2)));

        assertThat(again).isInstanceOf(LedgerRules.Decision.AlreadyPosted.class);
        assertThat(balanceOf(ALICE)).isEqualTo(Credits.parse("10"));
        assertThat(headSeq()).isEqualTo(1);
    }

    @Test
    default void post_withoutFunds_isInsufficient_andWritesNothing() {
        run(tx -> tx.ledger().post(deposit("d-1", ALICE, "1"), at(1)));

        var d = tx(tx -> tx.ledger().post(hold("job-1", ALICE, "3"), at(2)));

        assertThat(d).isEqualTo(new LedgerRules.Decision.Insufficient(Credits.parse("1"), Credits.parse("2")));
        java.util.Optional<JournalEntry> hold = store().inTransaction(tx -> tx.ledger().entry(PostingKind.HOLD, "job-1"));
        assertThat(hold).isEmpty();
        assertThat(headSeq()).isEqualTo(1);
    }

    @Test
    default void journal_andBalances_surviveAReopen() {
        run(tx -> tx.ledger().post(List.of(deposit("d-1", ALICE, "10"), hold("job-1", ALICE, "4")), at(1)));

        reopen();

        assertThat(balanceOf(ALICE)).isEqualTo(Credits.parse("6"));
        assertThat(LedgerVerifier.verify(store()).ok()).isTrue();
    }

    @Test
    default void entriesOf_listsAnAccountsEntries_newestFirst_beforeASeq() {
        run(tx -> tx.ledger().post(List.of(deposit("d-1", ALICE, "10"), deposit("d-2", BOB, "1"), hold("job-1", ALICE, "4"),
                deposit("d-3", ALICE, "2")), at(1)));

        List<JournalEntry> all = tx(tx -> tx.ledger().entriesOf(LedgerAccount.party(ALICE), Long.MAX_VALUE, 10));
        List<JournalEntry> older = tx(tx -> tx.ledger().entriesOf(LedgerAccount.party(ALICE), 3, 10));

        assertThat(all).extracting(JournalEntry::seq).containsExactly(4L, 3L, 1L);
        assertThat(older).extracting(JournalEntry::seq).containsExactly(1L);
    }

    @Test
    default void racingTransfers_fromOneAccount_neverOverdraw_andKeepOneChain() throws Exception {
        run(tx -> tx.ledger().post(deposit("d-1", ALICE, "10"), at(0)));
        int threads = 8;
        int perThread = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    int posted = 0;
                    for (int i = 0; i < perThread; i++) {
                        // Each hold of 1 credit races the others for Alice's 10; some also deposit to Bob meanwhile.
                        String job = "job-" + thread + "-" + i;
                        var d = tx(tx -> tx.ledger().post(List.of(hold(job, ALICE, "1"), deposit("d-" + job, BOB, "0.5")), at(1)));
                        if (d.getFirst() instanceof LedgerRules.Decision.Post) posted++;
                    }
                    return posted;
                }));
            }
            int posted = 0;
            for (Future<Integer> f : results) posted += f.get(60, TimeUnit.SECONDS);
            assertThat(posted).as("holds of 1 credit out of 10").isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
        assertThat(balanceOf(ALICE)).isEqualTo(Credits.ZERO);
        assertThat(balanceOf(BOB)).isEqualTo(Credits.parse("20"));
        var verified = LedgerVerifier.verify(store());
        assertThat(verified.breaks()).isEmpty();
        assertThat(verified.journal().entries()).isEqualTo(1 + 10 + threads * perThread);
    }

    @Test
    default void charges_areKeptPerTask_andSummedPerProvider() {
        TaskId t0 = new TaskId(JobId.of("job-1"), 0);
        TaskId t1 = new TaskId(JobId.of("job-1"), 1);
        run(tx -> {
            tx.ledger().insertCharge(new TaskCharge(t0, AttemptId.of("att-1"), ProviderId.of("prov-1"), BOB.value(), 1000, Credits.parse("0.36"),
                    Credits.parse("0.0001"), Credits.parse("0.000001"), Credits.parse("0.000099"), at(1)));
            tx.ledger().insertCharge(new TaskCharge(t1, AttemptId.of("att-2"), ProviderId.of("prov-1"), BOB.value(), 2000, Credits.parse("0.36"),
                    Credits.parse("0.0002"), Credits.parse("0.000002"), Credits.parse("0.000198"), at(2)));
        });

        java.util.Optional<TaskCharge> one = store().inTransaction(tx -> tx.ledger().charge(t1));
        List<TaskCharge> ofJob = store().inTransaction(tx -> tx.ledger().charges(JobId.of("job-1")));
        List<TaskCharge> latest = store().inTransaction(tx -> tx.ledger().chargesTo(BOB.value(), 1));
        List<LedgerTx.ProviderTotals> totals = store().inTransaction(tx -> tx.ledger().totalsTo(BOB.value()));
        assertThat(one).hasValueSatisfying(c -> assertThat(c.runtimeMillis()).isEqualTo(2000));
        assertThat(ofJob).extracting(TaskCharge::task).containsExactly(t0, t1);
        assertThat(latest).extracting(TaskCharge::task).containsExactly(t1);
        assertThat(totals).containsExactly(new LedgerTx.ProviderTotals(ProviderId.of("prov-1"), 2, 3000,
                Credits.parse("0.0003"), Credits.parse("0.000003"), Credits.parse("0.000297")));
    }
}
