package org.gridmint.coordinator.stake;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.gridmint.api.Assignment;
import org.gridmint.api.StakeRequest;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.coordinator.ledger.LedgerVerifier;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.ledger.Staking;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.core.lifecycle.TaskState;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.AttemptRecord;
import org.gridmint.core.scheduling.TaskRecord;
import org.junit.jupiter.api.Test;

/** Stake beside verdicts: a release waits for open verdicts, replicas are paid at cost by the treasury, and the audit checks both. */
class StakeVerdictTest extends InProcessNetworkTest {
    static final AccountId OWNER = TestNetwork.OWNER;

    /** A job of one task whose attempt on {@code provider} is claimed; returns the assignment. */
    private Assignment claimed(String provider) {
        net.submit("acct-alice", TestNetwork.spec(1));
        return net.claim(provider, 1).getFirst();
    }

    private TaskRecord task(Assignment a) {
        return net.coordinator.store().inTransaction(tx -> tx.task(new TaskId(new org.gridmint.core.ids.JobId(a.jobId()), a.taskIndex())).orElseThrow());
    }

    /** A result that awaits its verdict: the attempt SUCCEEDED while its task is not final (as a replicated task waits). */
    private void reportedAwaitingVerdict(Assignment a) {
        Instant now = net.clock.instant();
        net.coordinator.store().inTransaction(tx -> {
            AttemptRecord r = tx.attempt(AttemptId.of(a.attemptId())).orElseThrow();
            tx.updateAttempt(new AttemptRecord(r.id(), r.task(), r.number(), r.provider(), AttemptState.SUCCEEDED, null, null, 0, r.assignedAt(), now,
                    now, r.leaseExpiresAt(), "100%", r.ask()));
            return null;
        });
    }

    @Test
    void release_waitsWhileAResultOfTheProviderAwaitsItsVerdict_thenPaysOut() {
        String p = net.provider("rig", "0.36", 1);
        net.fund(OWNER, "10");
        net.coordinator.stakes().stake(OWNER, p, new StakeRequest(new BigDecimal("10")));
        Assignment a = claimed(p);
        reportedAwaitingVerdict(a);
        net.coordinator.stakes().unstake(OWNER, p, new StakeRequest(new BigDecimal("10")));
        net.clock.advance(StakeConfig.DEFAULT_UNBONDING.plusMinutes(1));

        assertThat(net.coordinator.unbondingLoop().runOnce(net.clock.instant())).isZero();
        assertThat(net.coordinator.stakes().view(p).unbondings().getFirst().state()).isEqualTo("HELD");
        assertThat(net.coordinator.stakes().view(p).staked()).isEqualByComparingTo("10");

        // The verdict is reached (here: the task ends); the next run releases.
        TaskRecord open = task(a);
        net.coordinator.store().inTransaction(tx -> tx.updateTask(open, new TaskRecord(open.id(), TaskState.FAILED, open.attempts(), open.failures(),
                open.lastFailedProvider(), open.lastReason(), net.clock.instant())));

        assertThat(net.coordinator.unbondingLoop().runOnce(net.clock.instant())).isEqualTo(1);
        assertThat(net.coordinator.ledger().wallet(OWNER).balance()).isEqualByComparingTo("10");
        assertThat(net.coordinator.stakes().view(p).unbondings().getFirst().state()).isEqualTo("RELEASED");
    }

    @Test
    void payAtCost_paysTheReplicasOwnerFromTheTreasury_subsidizingOnlyWhatItLacks() {
        String first = net.provider("first", "0.36", 1);
        Assignment a = claimed(first);
        String replica = net.provider(AccountId.of("acct-replica-owner"), "replica", "0.36", 1);
        net.clock.advance(Duration.ofSeconds(10));
        net.complete(first, a);
        // Some money in the treasury first: a slash's part of another provider's stake.
        String cheat = net.provider("cheat", "0.36", 1);
        net.fund(OWNER, "2");
        net.coordinator.stakes().stake(OWNER, cheat, new StakeRequest(new BigDecimal("2")));
        net.coordinator.store().inTransaction(tx -> Stakes.slash(tx, new ProviderId(cheat), AccountId.of("acct-alice"), "vrd-1", StakeConfig.DEFAULT,
                net.clock.instant()));
        Credits before = treasury();
        assertThat(before.micros()).as("the treasury holds the fee and half the slash").isGreaterThanOrEqualTo(500_000);
        AttemptId replicaAttempt = replicaOf(a, replica);
        TaskId task = new TaskId(new org.gridmint.core.ids.JobId(a.jobId()), a.taskIndex());
        Credits cost = before.plus(Credits.parse("0.5"));

        Credits paid = net.coordinator.store().inTransaction(tx -> Stakes.payAtCost(tx, task, replicaAttempt, AccountId.of("acct-replica-owner"), cost,
                net.clock.instant()));
        Credits again = net.coordinator.store().inTransaction(tx -> Stakes.payAtCost(tx, task, replicaAttempt, AccountId.of("acct-replica-owner"), cost,
                net.clock.instant()));

        assertThat(paid).isEqualTo(cost);
        assertThat(again).isEqualTo(cost);
        assertThat(net.coordinator.ledger().wallet(AccountId.of("acct-replica-owner")).balance()).isEqualByComparingTo(cost.toBigDecimal());
        assertThat(treasury()).isEqualTo(Credits.ZERO);
        var subsidy = net.coordinator.store().inTransaction(tx -> tx.ledger().entry(PostingKind.SUBSIDY, Staking.verifyReference(task, replicaAttempt)));
        assertThat(subsidy).hasValueSatisfying(e -> assertThat(e.posting().amount()).isEqualTo(Credits.parse("0.5")));
    }

    @Test
    void audit_flagsAReplicaPaymentForTheAttemptTheClientPaid() {
        String p = net.provider("first", "0.36", 1);
        Assignment a = claimed(p);
        net.clock.advance(Duration.ofSeconds(10));
        net.complete(p, a);
        TaskId task = new TaskId(new org.gridmint.core.ids.JobId(a.jobId()), a.taskIndex());
        net.coordinator.store().inTransaction(tx -> Stakes.payAtCost(tx, task, AttemptId.of(a.attemptId()), OWNER, Credits.parse("1"), net.clock.instant()));

        var result = LedgerVerifier.verify(net.coordinator.store());

        assertThat(result.breaks()).singleElement().satisfies(b -> assertThat(b.detail()).contains("the client paid for that attempt already"));
        net.skipLedgerAudit();
    }

    @Test
    void audit_flagsOpenUnbondingsBeyondTheStake() {
        String p = net.provider("rig", "0.36", 1);
        net.fund(OWNER, "5");
        net.coordinator.stakes().stake(OWNER, p, new StakeRequest(new BigDecimal("5")));
        Instant now = net.clock.instant();
        net.coordinator.store().inTransaction(tx -> {
            tx.insertUnbonding(new org.gridmint.coordinator.store.Unbonding("unb-forged", new ProviderId(p), OWNER.value(), Credits.parse("6"),
                    Credits.parse("6"), now, now, null));
            return null;
        });

        var result = LedgerVerifier.verify(net.coordinator.store());

        assertThat(result.breaks()).singleElement().satisfies(b -> assertThat(b.detail()).contains("would release 6").contains("holds only 5"));
        net.skipLedgerAudit();
    }

    @Test
    void audit_flagsASlashAndAnUnstakeThatNoRecordExplains() {
        String p = net.provider("rig", "0.36", 1);
        net.fund(OWNER, "4");
        net.coordinator.stakes().stake(OWNER, p, new StakeRequest(new BigDecimal("4")));
        ProviderId pid = new ProviderId(p);
        net.coordinator.store().inTransaction(tx -> tx.ledger().post(java.util.List.of(
                Staking.slash("vrd-forged", pid, AccountId.of("acct-alice"), new org.gridmint.core.verify.SlashTerms(0.5, 1).of(Credits.parse("4"))).getFirst(),
                Staking.unstake("unb-forged", pid, OWNER, Credits.parse("1"))), net.clock.instant()));

        var result = LedgerVerifier.verify(net.coordinator.store());

        assertThat(result.breaks()).extracting(b -> b.detail()).containsExactlyInAnyOrder(
                "the journal slashes vrd-forged/" + p + "/client but no slash records it",
                "the journal unstakes unb-forged but no released unbonding records it");
        net.skipLedgerAudit();
    }

    private Credits treasury() {
        return net.coordinator.store().inTransaction(tx -> tx.ledger().balance(LedgerAccount.TREASURY));
    }

    /** A second attempt of the task on {@code provider} that succeeded and agreed: a replica, as the verification flow makes it. */
    private AttemptId replicaOf(Assignment a, String provider) {
        AttemptId id = AttemptId.of("att-replica");
        Instant now = net.clock.instant();
        net.coordinator.store().inTransaction(tx -> {
            AttemptRecord first = tx.attempt(AttemptId.of(a.attemptId())).orElseThrow();
            tx.insertAttempt(new AttemptRecord(id, first.task(), first.number() + 1, new ProviderId(provider), AttemptState.SUCCEEDED, null, null, 0,
                    now.minusSeconds(10), now.minusSeconds(10), now, now, "100%", first.ask()));
            return null;
        });
        return id;
    }
}
