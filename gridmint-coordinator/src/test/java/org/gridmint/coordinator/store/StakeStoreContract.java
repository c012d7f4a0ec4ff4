package org.gridmint.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.coordinator.store.StoreFixtures.at;
import static org.gridmint.coordinator.store.StoreFixtures.attempt;
import static org.gridmint.coordinator.store.StoreFixtures.ended;
import static org.gridmint.coordinator.store.StoreFixtures.job;
import static org.gridmint.coordinator.store.StoreFixtures.task;

import java.util.ArrayList;
import java.util.List;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.Posting;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.ledger.Staking;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.core.lifecycle.TaskState;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.Test;

/** The store contract for stake: unbondings and when they are due, slashes, and the stake accounts' balances. */
interface StakeStoreContract extends StoreHarness {
    ProviderId PROV = ProviderId.of("prov-a");

    static Unbonding unbonding(String id, ProviderId p, String amount, long releaseAtSeconds) {
        return new Unbonding(id, p, "acct-alice", Credits.parse(amount), Credits.parse(amount), at(0), at(releaseAtSeconds), null);
    }

    @Test
    default void unbonding_roundTrips_andUpdatesItsAmountAndRelease() {
        Unbonding u = unbonding("unb-1", PROV, "5", 100);
        run(tx -> tx.insertUnbonding(u));

        assertThat(tx((StoreTx tx) -> tx.unbonding("unb-1"))).contains(u);
        run(tx -> tx.updateUnbonding("unb-1", Credits.parse("2"), at(200)));

        Unbonding after = tx(tx -> tx.unbonding("unb-1")).orElseThrow();
        assertThat(after.amount()).isEqualTo(Credits.parse("2"));
        assertThat(after.requested()).isEqualTo(Credits.parse("5"));
        assertThat(after.releasedAt()).isEqualTo(at(200));
        assertThat(after.released()).isTrue();
    }

    @Test
    default void unbondings_ofAProvider_oldestFirst_andNoOthers() {
        run(tx -> {
            tx.insertUnbonding(new Unbonding("unb-2", PROV, "acct-alice", Credits.parse("1"), Credits.parse("1"), at(5), at(50), null));
            tx.insertUnbonding(new Unbonding("unb-1", PROV, "acct-alice", Credits.parse("2"), Credits.parse("2"), at(1), at(60), null));
            tx.insertUnbonding(unbonding("unb-3", ProviderId.of("prov-b"), "3", 10));
        });

        assertThat(tx((StoreTx tx) -> tx.unbondings(PROV))).extracting(Unbonding::id).containsExactly("unb-1", "unb-2");
        List<String> all = new ArrayList<>();
        run(tx -> tx.scanUnbondings(u -> all.add(u.id())));
        assertThat(all).containsExactlyInAnyOrder("unb-1", "unb-2", "unb-3");
    }

    @Test
    default void dueUnbondings_areUnreleasedOnesPastTheirReleaseTime_earliestFirst() {
        run(tx -> {
            tx.insertUnbonding(unbonding("unb-late", PROV, "1", 300));
            tx.insertUnbonding(unbonding("unb-b", PROV, "1", 200));
            tx.insertUnbonding(unbonding("unb-a", PROV, "1", 100));
            tx.insertUnbonding(unbonding("unb-done", PROV, "1", 50));
            tx.updateUnbonding("unb-done", Credits.parse("1"), at(60));
        });

        assertThat(tx((StoreTx tx) -> tx.dueUnbondings(at(200), 10))).extracting(Unbonding::id).containsExactly("unb-a", "unb-b");
        assertThat(tx((StoreTx tx) -> tx.dueUnbondings(at(200), 1))).extracting(Unbonding::id).containsExactly("unb-a");
        assertThat(tx((StoreTx tx) -> tx.dueUnbondings(at(99), 10))).isEmpty();
    }

    @Test
    default void dueUnbondings_waitWhileTheProviderHoldsATaskOrAResultAwaitsItsVerdict() {
        JobRecord job = insert(job("job-v"));
        var a = attempt("att-1", task("job-v", 0), 1, PROV.value(), at(30));
        run(tx -> {
            tx.insertAttempt(a);
            tx.insertUnbonding(unbonding("unb-1", PROV, "1", 10));
            tx.insertUnbonding(unbonding("unb-other", ProviderId.of("prov-b"), "1", 10));
        });
        // A task it holds may yet report a result that a verdict slashes: that holds the release as an open verdict does.
        assertThat(tx((StoreTx tx) -> tx.awaitingVerdict(PROV))).as("a live attempt holds the release").isTrue();
        assertThat(tx((StoreTx tx) -> tx.dueUnbondings(at(100), 10))).extracting(Unbonding::id).containsExactly("unb-other");

        run(tx -> tx.updateAttempt(ended(a, AttemptState.SUCCEEDED))); // its task is still PENDING: the verdict is open

        assertThat(tx((StoreTx tx) -> tx.awaitingVerdict(PROV))).isTrue();
        assertThat(tx((StoreTx tx) -> tx.dueUnbondings(at(100), 10))).extracting(Unbonding::id).containsExactly("unb-other");

        var pending = taskOf(job, 0);
        run(tx -> tx.updateTask(pending, StoreFixtures.withState(pending, TaskState.SUCCEEDED)));

        assertThat(tx((StoreTx tx) -> tx.awaitingVerdict(PROV))).isFalse();
        assertThat(tx((StoreTx tx) -> tx.dueUnbondings(at(100), 10))).extracting(Unbonding::id).containsExactly("unb-1", "unb-other");
    }

    @Test
    default void slash_roundTrips_byVerdictAndProvider() {
        SlashRecord s = new SlashRecord("vrd-1", PROV, "acct-bob", Credits.parse("10"), Credits.parse("2.5"), Credits.parse("2.5"), at(1), at(86_401));
        SlashRecord later = new SlashRecord("vrd-0", PROV, "acct-bob", Credits.parse("5"), Credits.parse("1.25"), Credits.parse("1.25"), at(2), at(9));
        run(tx -> {
            tx.insertSlash(s);
            tx.insertSlash(later);
        });

        assertThat(tx((StoreTx tx) -> tx.slash("vrd-1", PROV))).contains(s);
        assertThat(tx((StoreTx tx) -> tx.slash("vrd-1", ProviderId.of("prov-b")))).isEmpty();
        assertThat(tx((StoreTx tx) -> tx.slashes(PROV))).containsExactly(s, later);
        List<SlashRecord> all = new ArrayList<>();
        run(tx -> tx.scanSlashes(all::add));
        assertThat(all).containsExactlyInAnyOrder(s, later);
    }

    @Test
    default void stakeBalances_areTheStakeAccountsOnly() {
        AccountId alice = AccountId.of("acct-alice");
        run(tx -> {
            tx.lockStakes();
            tx.ledger().post(List.of(new Posting(PostingKind.DEPOSIT, "d-1", LedgerAccount.ISSUER, LedgerAccount.party(alice), Credits.parse("10")),
                    Staking.stake("s-1", alice, PROV, Credits.parse("4")), Staking.stake("s-2", alice, ProviderId.of("prov-b"), Credits.parse("1"))), at(1));
        });

        assertThat(tx(StoreTx::stakeBalances)).containsExactly(java.util.Map.entry(PROV, Credits.parse("4")),
                java.util.Map.entry(ProviderId.of("prov-b"), Credits.parse("1")));
    }
}
