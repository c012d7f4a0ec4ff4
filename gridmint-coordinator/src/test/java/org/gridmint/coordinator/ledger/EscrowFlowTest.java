package org.gridmint.coordinator.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.gridmint.api.Assignment;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.DepositRequest;
import org.gridmint.api.FailRequest;
import org.gridmint.api.JobBill;
import org.gridmint.api.SubmitJobRequest;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.spec.JobSpecDraft;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The escrow's whole flow on a real store: hold at submission, pay per succeeded task, nothing for failed work, refund at the end. */
class EscrowFlowTest extends InProcessNetworkTest {
    static final AccountId CLIENT = AccountId.of("acct-client");

    LedgerService ledger;

    @BeforeEach
    void start() {
        ledger = net.coordinator.ledger();
    }

    /** 1 credit per hour, 1 hour timeout, 2 retries: each task holds 1 credit. */
    static JobSpecDraft spec(int tasks) {
        return TestNetwork.spec(tasks);
    }

    String submit(int tasks) {
        return net.coordinator.jobs().submit(CLIENT.value(), new SubmitJobRequest(spec(tasks), List.of())).id();
    }

    BigDecimal balance(AccountId a) {
        return ledger.wallet(a).balance();
    }

    AttemptDone complete(String provider, Assignment a, long runtimeMillis) {
        net.coordinator.work().complete(TestNetwork.OWNER, a.attemptId(), new CompleteRequest(provider, 0, List.of(), null, null, runtimeMillis));
        return new AttemptDone(a.attemptId());
    }

    record AttemptDone(String attemptId) {}

    void fail(String provider, Assignment a, String reason) {
        net.coordinator.work().fail(TestNetwork.OWNER, a.attemptId(), new FailRequest(provider, reason, "boom", 3, null, null, 1000));
    }

    @Test
    void submit_withTooLittleBalance_is402NamingTheShortfall_andCreatesNothing() {
        net.fund(CLIENT, "3");

        assertThatThrownBy(() -> submit(5))
                .isInstanceOfSatisfying(CoordinatorException.PaymentRequired.class, e -> assertThat(e.shortfall().toString()).isEqualTo("2"))
                .hasMessageContaining("must hold 5 credits").hasMessageContaining("short by 2");

        assertThat(net.coordinator.jobs().list(CLIENT.value(), 10).jobs()).isEmpty();
        assertThat(balance(CLIENT)).isEqualByComparingTo("3");
    }

    @Test
    void submit_holdsTasksTimesTimeoutTimesMaxPrice_inTheJobsEscrow() {
        net.fund(CLIENT, "10");

        submit(4);

        var w = ledger.wallet(CLIENT);
        assertThat(w.balance()).isEqualByComparingTo("6");
        assertThat(w.inEscrow()).isEqualByComparingTo("4");
    }

    @Test
    void succeededTask_paysRuntimeTimesAsk_lessTheFee_toTheProvidersOwner() {
        net.fund(CLIENT, "1");
        String job = submit(1);
        String p = net.provider("p1", "0.36", 1);
        Assignment a = net.claim(p, 1).getFirst();
        net.clock.advance(Duration.ofSeconds(20));

        complete(p, a, 10_000);

        // 0.36 credits/h for 10 s = 0.001 credits; 1% of it (10 µ) to the treasury.
        assertThat(balance(TestNetwork.OWNER)).isEqualByComparingTo("0.00099");
        JobBill bill = ledger.bill(CLIENT, job);
        assertThat(bill.paid()).isEqualByComparingTo("0.00099");
        assertThat(bill.fees()).isEqualByComparingTo("0.00001");
        assertThat(bill.charged()).isEqualByComparingTo("0.001");
        assertThat(bill.refunded()).isEqualByComparingTo("0.999");
        assertThat(bill.inEscrow()).isZero();
        assertThat(balance(CLIENT)).isEqualByComparingTo("0.999");
        assertThat(bill.allInPerUsefulHour()).isEqualByComparingTo("0.36");
        assertThat(bill.tasks().getFirst().attempts().getFirst()).satisfies(line -> {
            assertThat(line.billed()).isTrue();
            assertThat(line.runtimeMillis()).isEqualTo(10_000);
            assertThat(line.price()).isEqualByComparingTo("0.36");
        });
    }

    @Test
    void reportedRuntime_longerThanTheCoordinatorSaw_isBilledAsSeen() {
        net.fund(CLIENT, "1");
        String job = submit(1);
        String p = net.provider("p1", "0.36", 1);
        Assignment a = net.claim(p, 1).getFirst();
        net.clock.advance(Duration.ofSeconds(10));

        complete(p, a, 3_600_000);

        assertThat(ledger.bill(CLIENT, job).tasks().getFirst().attempts().getFirst().runtimeMillis()).isEqualTo(10_000);
        assertThat(balance(TestNetwork.OWNER)).isEqualByComparingTo("0.00099");
    }

    @Test
    void failedAndLostAttempts_costTheClientNothing_andTheBillSaysWhy() {
        net.fund(CLIENT, "1");
        String job = submit(1);
        String p = net.provider("p1", "0.36", 1);
        // Dearer: the market gives p the first attempt, and q only the one after p failed it.
        String q = net.provider("p2", "0.72", 1);
        fail(p, net.claim(p, 1).getFirst(), "EXIT_NONZERO");
        net.clock.advance(Duration.ofSeconds(1));
        net.claim(q, 1);
        net.clock.advance(Duration.ofMinutes(1));
        net.coordinator.leaseLoop().runOnce(net.clock.instant());
        net.clock.advance(Duration.ofSeconds(1));
        Assignment third = net.claim(p, 1).getFirst();
        net.clock.advance(Duration.ofSeconds(10));
        complete(p, third, 10_000);

        JobBill bill = ledger.bill(CLIENT, job);
        var lines = bill.tasks().getFirst().attempts();
        assertThat(lines).extracting(JobBill.AttemptBill::billed).containsExactly(false, false, true);
        assertThat(lines.get(0).why()).startsWith("not billed: EXIT_NONZERO");
        assertThat(lines.get(1).why()).startsWith("not billed: PROVIDER_LOST");
        assertThat(bill.unbilledMillis()).isPositive();
        assertThat(bill.charged()).as("only the succeeded attempt").isEqualByComparingTo("0.001");
        assertThat(balance(CLIENT)).isEqualByComparingTo("0.999");
    }

    @Test
    void repeatedCompletion_paysOnce() {
        net.fund(CLIENT, "2");
        submit(2);
        String p = net.provider("p1", "0.36", 1);
        Assignment a = net.claim(p, 1).getFirst();
        net.clock.advance(Duration.ofSeconds(10));

        complete(p, a, 10_000);
        complete(p, a, 10_000);

        assertThat(balance(TestNetwork.OWNER)).isEqualByComparingTo("0.00099");
        List<org.gridmint.core.ledger.JournalEntry> owners = net.coordinator.store()
                .inTransaction(tx -> tx.ledger().entriesOf(LedgerAccount.party(TestNetwork.OWNER), Long.MAX_VALUE, 10));
        assertThat(owners).singleElement().satisfies(e -> assertThat(e.posting().kind()).isEqualTo(PostingKind.PAY));
    }

    @Test
    void cancel_refundsWhatIsNotEarned_andALateCompletionPaysNothing() {
        net.fund(CLIENT, "3");
        String job = submit(3);
        String p = net.provider("p1", "0.36", 2);
        List<Assignment> got = net.claim(p, 2);
        net.clock.advance(Duration.ofSeconds(10));
        complete(p, got.get(0), 10_000);

        net.coordinator.jobs().cancel(CLIENT.value(), job);

        assertThatThrownBy(() -> complete(p, got.get(1), 10_000)).isInstanceOf(CoordinatorException.Conflict.class);
        JobBill bill = ledger.bill(CLIENT, job);
        assertThat(bill.state()).isEqualTo("CANCELLED");
        assertThat(bill.charged()).isEqualByComparingTo("0.001");
        assertThat(bill.refunded()).isEqualByComparingTo("2.999");
        assertThat(bill.inEscrow()).isZero();
        assertThat(balance(CLIENT)).isEqualByComparingTo("2.999");
    }

    @Test
    void failedJob_paysItsSucceededTasks_andRefundsTheRest() {
        net.fund(CLIENT, "2");
        String job = submit(2);
        String p = net.provider("p1", "0.36", 1);
        Assignment first = net.claim(p, 1).getFirst();
        net.clock.advance(Duration.ofSeconds(10));
        complete(p, first, 10_000);
        for (int i = 0; i < 3; i++) {
            net.clock.advance(Duration.ofSeconds(1));
            fail(p, net.claim(p, 1).getFirst(), "EXIT_NONZERO");
        }

        JobBill bill = ledger.bill(CLIENT, job);
        assertThat(bill.state()).isEqualTo("FAILED");
        assertThat(bill.charged()).isEqualByComparingTo("0.001");
        assertThat(bill.refunded()).isEqualByComparingTo("1.999");
        assertThat(balance(CLIENT)).isEqualByComparingTo("1.999");
    }

    @Test
    void jobFromBeforeTheLedger_holdingNothing_completesWithoutPayment() {
        var draft = spec(1);
        var validated = ((org.gridmint.core.spec.JobSpecValidator.Valid) org.gridmint.core.spec.JobSpecValidator.validate(draft)).spec();
        var id = org.gridmint.core.ids.JobId.of("job-legacy");
        var now = net.clock.instant();
        var legacy = new org.gridmint.coordinator.store.JobRecord(id, CLIENT.value(), draft, validated, List.of(),
                org.gridmint.core.lifecycle.JobState.PENDING, now, now, null, null);
        net.coordinator.store().inTransaction(tx -> {
            tx.insertJob(legacy, List.of(org.gridmint.core.scheduling.TaskRecord.pending(new org.gridmint.core.ids.TaskId(id, 0), now)));
            return null;
        });
        String p = net.provider("p1", "0.36", 1);
        Assignment a = net.claim(p, 1).getFirst();
        net.clock.advance(Duration.ofSeconds(10));

        complete(p, a, 10_000);

        assertThat(net.coordinator.jobs().get(CLIENT.value(), id.value()).state()).isEqualTo("SUCCEEDED");
        assertThat(balance(TestNetwork.OWNER)).isZero();
        assertThat(ledger.bill(CLIENT, id.value()).charged()).isZero();
    }

    @Test
    void earnings_sumThePaymentsPerProvider() {
        net.fund(CLIENT, "2");
        submit(2);
        String p = net.provider("p1", "0.36", 1);
        String q = net.provider("p2", "0.72", 1);
        Assignment a = net.claim(p, 1).getFirst();
        Assignment b = net.claim(q, 1).getFirst();
        net.clock.advance(Duration.ofSeconds(10));
        complete(p, a, 10_000);
        complete(q, b, 10_000);

        var e = ledger.earnings(TestNetwork.OWNER, 10);

        assertThat(e.tasks()).isEqualTo(2);
        assertThat(e.net()).isEqualByComparingTo("0.00297");
        assertThat(e.fees()).isEqualByComparingTo("0.00003");
        assertThat(e.providers()).extracting(org.gridmint.api.Earnings.ProviderTotal::providerId).containsExactlyInAnyOrder(p, q);
        assertThat(e.recent()).hasSize(2);
        assertThat(ledger.wallet(TestNetwork.OWNER).earned()).isEqualByComparingTo("0.00297");
    }

    @Test
    void faucet_isOffUnlessDevMode() {
        assertThatThrownBy(() -> new LedgerService(net.coordinator.store(), net.clock, net.config.withDevFaucet(false))
                .faucet(CLIENT, new DepositRequest(null, new BigDecimal("5"), null)))
                .isInstanceOf(CoordinatorException.Forbidden.class).hasMessageContaining("--dev-faucet");
        assertThat(balance(CLIENT)).isZero();
    }

    @Test
    void faucet_withTheSameReference_depositsOnce_andADifferentAmountIsAConflict() {
        var dev = new LedgerService(net.coordinator.store(), net.clock, net.config.withDevFaucet(true));

        var first = dev.faucet(CLIENT, new DepositRequest(null, new BigDecimal("5"), "ref-1"));
        var again = dev.faucet(CLIENT, new DepositRequest(null, new BigDecimal("5"), "ref-1"));

        assertThat(first.repeated()).isFalse();
        assertThat(again.repeated()).isTrue();
        assertThat(again.seq()).isEqualTo(first.seq());
        assertThat(balance(CLIENT)).isEqualByComparingTo("5");
        assertThatThrownBy(() -> dev.faucet(CLIENT, new DepositRequest(null, new BigDecimal("6"), "ref-1")))
                .isInstanceOf(CoordinatorException.Conflict.class).hasMessageContaining("ref-1");
    }

    @Test
    void faucet_rejectsBadAmountsAndReferences_andChangesNothing() {
        var dev = new LedgerService(net.coordinator.store(), net.clock, net.config.withDevFaucet(true));

        for (String amount : new String[] {"0", "-1", "0.0000001", "100000.000001"}) {
            assertThatThrownBy(() -> dev.faucet(CLIENT, new DepositRequest(null, new BigDecimal(amount), null)))
                    .as(amount).isInstanceOfSatisfying(CoordinatorException.Invalid.class,
                            e -> assertThat(e.errors()).extracting(f -> f.field()).containsExactly("amount"));
        }
        assertThatThrownBy(() -> dev.faucet(CLIENT, new DepositRequest(null, null, null))).isInstanceOf(CoordinatorException.Invalid.class);
        assertThatThrownBy(() -> dev.faucet(CLIENT, new DepositRequest(null, BigDecimal.ONE, "has space")))
                .isInstanceOf(CoordinatorException.Invalid.class).hasMessageContaining("reference");
        assertThatThrownBy(() -> dev.faucet(CLIENT, new DepositRequest("acct-someone-else", BigDecimal.ONE, null)))
                .isInstanceOf(CoordinatorException.Invalid.class).hasMessageContaining("account");
        assertThat(balance(CLIENT)).isZero();
    }

    @Test
    void history_pagesNewestFirst_withSignedChanges() {
        net.fund(CLIENT, "2");
        net.fund(CLIENT, "3");
        submit(1);

        var page = ledger.history(CLIENT, null, 2);

        assertThat(page.postings()).extracting(v -> v.kind()).containsExactly("HOLD", "DEPOSIT");
        assertThat(page.postings().getFirst().change()).isEqualByComparingTo("-1");
        assertThat(page.postings().get(1).change()).isEqualByComparingTo("3");
        assertThat(page.nextBefore()).isNotNull();
        var older = ledger.history(CLIENT, page.nextBefore(), 2);
        assertThat(older.postings()).extracting(v -> v.change()).usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("2"));
        assertThat(older.nextBefore()).isNull();
    }

    @Test
    void bill_ofAnotherClientsJob_isNotFound() {
        net.fund(CLIENT, "1");
        String job = submit(1);

        assertThatThrownBy(() -> ledger.bill(AccountId.of("acct-other"), job)).isInstanceOf(CoordinatorException.NotFound.class);
    }
}
