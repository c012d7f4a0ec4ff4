package org.gridmint.coordinator.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.gridmint.api.Assignment;
import org.gridmint.api.CheckpointRequest;
import org.gridmint.api.ClaimRequest;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.FailRequest;
import org.gridmint.api.HeartbeatRequest;
import org.gridmint.api.JobBill;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.coordinator.store.TaskCharge;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ledger.Escrow;
import org.gridmint.core.ledger.JournalEntry;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.spec.JobSpecDraft;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Billing useful work across attempts: a failed or lost attempt whose checkpoint a later attempt resumed from is paid,
 * when its task succeeds, for its runtime up to that checkpoint; nothing else of it, and nothing of a task that fails.
 */
class ResumedWorkBillingTest extends InProcessNetworkTest {
    /** Owns the first provider (the cheaper one, which the market gives the task first). */
    static final AccountId FIRST_OWNER = TestNetwork.OWNER;
    /** Owns the second provider, which finishes the task. */
    static final AccountId SECOND_OWNER = AccountId.of("acct-second-owner");
    static final long MINUTE = 60_000;

    LedgerService ledger;
    String first;
    String second;

    @BeforeEach
    void start() {
        ledger = net.coordinator.ledger();
    }

    /** One checkpointing task at a cap of 1 credit per hour for {@code timeout}. */
    private String submit(String timeout, int retries) {
        return net.submit("acct-alice", new JobSpecDraft("resumable", null, List.of("true"), 1, null, null, null, null, new BigDecimal("1"),
                timeout, retries, null, null, new JobSpecDraft.CheckpointDraft("1m")).withVerify(JobSpecDraft.VerifyDraft.ofPolicy("none"))).id();
    }

    private void providers(String firstPrice, String secondPrice) {
        first = net.provider(FIRST_OWNER, "first", firstPrice, 1);
        second = net.provider(SECOND_OWNER, "second", secondPrice, 1);
    }

    private Assignment claim(AccountId owner, String provider) throws InterruptedException {
        List<Assignment> got = net.coordinator.work().claim(owner, provider, new ClaimRequest(1, 0));
        assertThat(got).as("what %s got", provider).hasSize(1);
        net.coordinator.work().heartbeat(owner, got.getFirst().attemptId(), new HeartbeatRequest(provider, null)); // it starts now
        return got.getFirst();
    }

    private void checkpoint(AccountId owner, String provider, Assignment a, long runtimeMillis) {
        net.coordinator.work().checkpoint(owner, a.attemptId(), new CheckpointRequest(provider, net.blob("checkpoint.zip", "at " + runtimeMillis),
                runtimeMillis));
    }

    /** The first provider dies: its lease runs out and the lease loop declares the attempt lost. */
    private void loseFirst() {
        net.clock.advance(net.config.lease().plusSeconds(1));
        net.coordinator.leaseLoop().runOnce(net.clock.instant());
    }

    private void complete(AccountId owner, String provider, Assignment a, long runtimeMillis) {
        net.coordinator.work().complete(owner, a.attemptId(), new CompleteRequest(provider, 0, List.of(), null, null, runtimeMillis));
    }

    private List<TaskCharge> resumedCharges(String job) {
        return net.coordinator.store().inTransaction(tx -> tx.ledger().resumedCharges(new JobId(job)));
    }

    private BigDecimal balance(AccountId a) {
        return ledger.wallet(a).balance();
    }

    @Test
    void lostAfterACheckpoint_thenSuccessElsewhere_paysTheFirstProviderForItsCheckpointedTime() throws Exception {
        String job = submit("1h", 2);
        providers("0.3", "0.6");
        Assignment a1 = claim(FIRST_OWNER, first);
        net.clock.advance(Duration.ofMinutes(10));
        checkpoint(FIRST_OWNER, first, a1, 8 * MINUTE);
        loseFirst();
        Assignment a2 = claim(SECOND_OWNER, second);
        assertThat(a2.checkpoint()).as("it resumes from the first attempt's checkpoint").isNotNull();
        net.clock.advance(Duration.ofMinutes(5));

        complete(SECOND_OWNER, second, a2, 5 * MINUTE);

        // 8 minutes at 0.3 = 0.04 gross to the first provider; 5 minutes at 0.6 = 0.05 to the second; 1% fee on each.
        assertThat(resumedCharges(job)).singleElement().satisfies(c -> {
            assertThat(c.attempt().value()).isEqualTo(a1.attemptId());
            assertThat(c.runtimeMillis()).isEqualTo(8 * MINUTE);
            assertThat(c.gross()).isEqualTo(org.gridmint.core.money.Credits.parse("0.04"));
        });
        assertThat(balance(FIRST_OWNER)).isEqualByComparingTo("0.0396");
        assertThat(balance(SECOND_OWNER)).isEqualByComparingTo("0.0495");
        JobBill bill = ledger.bill(AccountId.of("acct-alice"), job);
        assertThat(bill.charged()).as("the client pays both useful parts").isEqualByComparingTo("0.09");
        assertThat(bill.usefulMillis()).isEqualTo(13 * MINUTE);
        List<JobBill.AttemptBill> lines = bill.tasks().getFirst().attempts();
        assertThat(lines.get(0).billed()).isTrue();
        assertThat(lines.get(0).billedMillis()).isEqualTo(8 * MINUTE);
        assertThat(lines.get(0).runtimeMillis()).isGreaterThan(8 * MINUTE);
        assertThat(lines.get(0).why()).startsWith("billed up to its checkpoint (480.0 s of ").contains("resumed by attempt #2");
        assertThat(lines.get(0).gross()).isEqualByComparingTo("0.04");
        assertThat(bill.unbilledMillis()).as("the first attempt's time past its checkpoint").isEqualTo(lines.get(0).runtimeMillis() - 8 * MINUTE);
        assertThat(lines.get(1).billedMillis()).isEqualTo(5 * MINUTE);
        assertThat(lines.get(1).why()).isEqualTo("billed: it succeeded");
    }

    @Test
    void lostWithoutACheckpoint_isNotPaid() throws Exception {
        String job = submit("1h", 2);
        providers("0.3", "0.6");
        claim(FIRST_OWNER, first);
        net.clock.advance(Duration.ofMinutes(10));
        loseFirst();
        Assignment a2 = claim(SECOND_OWNER, second);
        net.clock.advance(Duration.ofMinutes(5));

        complete(SECOND_OWNER, second, a2, 5 * MINUTE);

        assertThat(resumedCharges(job)).isEmpty();
        assertThat(balance(FIRST_OWNER)).isEqualByComparingTo("0");
        JobBill bill = ledger.bill(AccountId.of("acct-alice"), job);
        assertThat(bill.charged()).isEqualByComparingTo("0.05");
        assertThat(bill.tasks().getFirst().attempts().getFirst().billed()).isFalse();
        assertThat(bill.tasks().getFirst().attempts().getFirst().billedMillis()).isZero();
    }

    @Test
    void taskThatFinallyFails_paysNobody_evenForAResumedCheckpoint() throws Exception {
        String job = submit("1h", 1);
        providers("0.3", "0.6");
        Assignment a1 = claim(FIRST_OWNER, first);
        net.clock.advance(Duration.ofMinutes(10));
        checkpoint(FIRST_OWNER, first, a1, 8 * MINUTE);
        loseFirst();
        Assignment a2 = claim(SECOND_OWNER, second);
        net.clock.advance(Duration.ofMinutes(5));

        net.coordinator.work().fail(SECOND_OWNER, a2.attemptId(), new FailRequest(second, "EXIT_NONZERO", "boom", 1, null, null, 5 * MINUTE));

        assertThat(net.coordinator.jobs().get("acct-alice", job).state()).isEqualTo("FAILED");
        assertThat(resumedCharges(job)).isEmpty();
        assertThat(balance(FIRST_OWNER)).isEqualByComparingTo("0");
        assertThat(balance(SECOND_OWNER)).isEqualByComparingTo("0");
        JobBill bill = ledger.bill(AccountId.of("acct-alice"), job);
        assertThat(bill.charged()).isEqualByComparingTo("0");
        assertThat(bill.refunded()).isEqualByComparingTo(bill.held());
    }

    @Test
    void repeatedCompletion_paysNothingTwice() throws Exception {
        String job = submit("1h", 2);
        providers("0.3", "0.6");
        Assignment a1 = claim(FIRST_OWNER, first);
        net.clock.advance(Duration.ofMinutes(10));
        checkpoint(FIRST_OWNER, first, a1, 8 * MINUTE);
        loseFirst();
        Assignment a2 = claim(SECOND_OWNER, second);
        net.clock.advance(Duration.ofMinutes(5));
        complete(SECOND_OWNER, second, a2, 5 * MINUTE);
        long entries = net.coordinator.store().inTransaction(tx -> tx.ledger().head().seq());

        complete(SECOND_OWNER, second, a2, 5 * MINUTE); // the agent's retry after a lost answer
        // Even paying the resumed work again by hand finds its postings already there.
        net.coordinator.store().inTransaction(tx -> {
            var rec = tx.attempt(AttemptId.of(a2.attemptId())).orElseThrow();
            var jobRecord = tx.job(new JobId(job)).orElseThrow();
            var winner = tx.ledger().charge(rec.task()).orElseThrow();
            ResumedWorkBilling.pay(tx, jobRecord, rec, new Escrow.Charge(winner.runtimeMillis(), winner.price(), winner.gross(), winner.fee(),
                    winner.net()), net.config.fee(), net.clock.instant());
            return null;
        });

        long after = net.coordinator.store().inTransaction(tx -> tx.ledger().head().seq());
        assertThat(after).isEqualTo(entries);
        assertThat(resumedCharges(job)).hasSize(1);
        assertThat(balance(FIRST_OWNER)).isEqualByComparingTo("0.0396");
    }

    @Test
    void theTasksWholeCost_neverExceedsItsShareOfTheHold() throws Exception {
        // A cap of 10 minutes at 1 credit an hour: 1/6 credit for the task.
        String job = submit("10m", 2);
        providers("0.9", "1"); // the first is cheaper, so that the market gives it the task first
        Assignment a1 = claim(FIRST_OWNER, first);
        net.clock.advance(Duration.ofMinutes(9));
        checkpoint(FIRST_OWNER, first, a1, 9 * MINUTE);
        loseFirst();
        Assignment a2 = claim(SECOND_OWNER, second);
        net.clock.advance(Duration.ofMinutes(9));

        complete(SECOND_OWNER, second, a2, 9 * MINUTE);

        JobBill bill = ledger.bill(AccountId.of("acct-alice"), job);
        assertThat(bill.charged()).isEqualByComparingTo(bill.held());
        assertThat(bill.tasks().getFirst().attempts().get(1).gross()).isEqualByComparingTo("0.15");
        assertThat(bill.tasks().getFirst().attempts().get(0).gross()).as("what the cap left after the winner")
                .isEqualByComparingTo(bill.held().subtract(new BigDecimal("0.15")));
        assertThat(net.coordinator.store().inTransaction(tx -> tx.ledger().balance(LedgerAccount.escrow(new JobId(job)))).micros()).isZero();
    }

    @Test
    void resumedFromAnAttemptThatHadItselfResumed_paysEachItsOwnPart() throws Exception {
        String job = submit("1h", 3);
        first = net.provider(FIRST_OWNER, "first", "0.3", 1);
        Assignment a1 = claim(FIRST_OWNER, first);
        net.clock.advance(Duration.ofMinutes(4));
        checkpoint(FIRST_OWNER, first, a1, 3 * MINUTE);
        loseFirst();
        second = net.provider(SECOND_OWNER, "second", "0.6", 1);
        Assignment a2 = claim(SECOND_OWNER, second);
        net.clock.advance(Duration.ofMinutes(4));
        checkpoint(SECOND_OWNER, second, a2, 2 * MINUTE); // its own runtime: the 3 minutes it inherited are not in it
        net.clock.advance(net.config.lease().plusSeconds(1));
        net.coordinator.leaseLoop().runOnce(net.clock.instant());
        String third = net.provider(SECOND_OWNER, "third", "0.9", 1);
        Assignment a3 = claim(SECOND_OWNER, third);
        assertThat(a3.checkpoint()).isNotNull();
        net.clock.advance(Duration.ofMinutes(1));

        complete(SECOND_OWNER, third, a3, MINUTE);

        assertThat(resumedCharges(job)).extracting(c -> c.attempt().value(), TaskCharge::runtimeMillis)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(a1.attemptId(), 3 * MINUTE),
                        org.assertj.core.groups.Tuple.tuple(a2.attemptId(), 2 * MINUTE));
        // 3 min at 0.3 + 2 min at 0.6 + 1 min at 0.9 = 0.015 + 0.02 + 0.015
        assertThat(ledger.bill(AccountId.of("acct-alice"), job).charged()).isEqualByComparingTo("0.05");
        List<JournalEntry> paid = net.coordinator.store().inTransaction(tx -> tx.ledger().entriesOf(LedgerAccount.party(FIRST_OWNER), Long.MAX_VALUE, 10));
        assertThat(paid).singleElement().satisfies(e -> assertThat(e.posting().reference()).isEqualTo(job + "/0@" + a1.attemptId()));
    }
}
