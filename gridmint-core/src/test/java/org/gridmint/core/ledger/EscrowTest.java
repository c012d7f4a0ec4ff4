package org.gridmint.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.core.RandomCases.between;
import static org.gridmint.core.ledger.LedgerFixtures.CLIENT;
import static org.gridmint.core.ledger.LedgerFixtures.JOB;
import static org.gridmint.core.ledger.LedgerFixtures.OWNER;
import static org.gridmint.core.ledger.LedgerFixtures.client;
import static org.gridmint.core.ledger.LedgerFixtures.credits;
import static org.gridmint.core.ledger.LedgerFixtures.escrow;
import static org.gridmint.core.ledger.LedgerFixtures.owner;
import static org.gridmint.core.ledger.LedgerFixtures.spec;

import java.math.BigInteger;
import org.gridmint.core.RandomCases;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.money.Credits;
import org.gridmint.core.spec.JobSpec;
import org.gridmint.core.spec.JobSpecValidator;
import org.junit.jupiter.api.Test;

class EscrowTest {
    /** 10 tasks of at most 30 minutes at at most 0.5 credits an hour: 0.25 a task, 2.5 in all. */
    private static final JobSpec SPEC = spec(10, "30m", "0.5");
    private static final TaskId TASK = new TaskId(JOB, 3);
    private static final long MINUTE = 60_000;

    @Test
    void maxCost_isTasksTimesTimeoutTimesMaxPrice() {
        assertThat(Escrow.taskCap(SPEC)).isEqualTo(credits("0.25"));
        assertThat(Escrow.maxCost(SPEC)).isEqualTo(credits("2.5"));
    }

    @Test
    void taskCap_roundsUpToTheMicroCredit() {
        assertThat(Escrow.taskCap(spec(1, "1s", "0.000001"))).isEqualTo(Credits.ofMicros(1));
        assertThat(Escrow.maxCost(spec(3, "1s", "0.000001"))).isEqualTo(Credits.ofMicros(3));
    }

    @Test
    void maxCost_ofTheLargestJob_doesNotOverflow() {
        var largest = spec(JobSpecValidator.MAX_TASKS, "7d", JobSpecValidator.MAX_PRICE_LIMIT.toString());

        // 10,000 credits an hour for 168 hours, 100,000 times
        assertThat(Escrow.maxCost(largest)).isEqualTo(credits("168000000000"));
    }

    @Test
    void hold_movesMaxCostFromClientToTheJobsEscrow() {
        assertThat(Escrow.hold(JOB, CLIENT, SPEC)).isEqualTo(new Posting(PostingKind.HOLD, "job-1", client(), escrow(), credits("2.5")));
    }

    @Test
    void charge_askBelowMaxPrice_chargesTheAsk() {
        var c = Escrow.charge(10 * MINUTE, credits("0.3"), SPEC, FeeRate.DEFAULT);

        assertThat(c).isEqualTo(new Escrow.Charge(10 * MINUTE, credits("0.3"), credits("0.05"), credits("0.0005"), credits("0.0495")));
    }

    @Test
    void charge_askAboveMaxPrice_chargesMaxPrice() {
        var c = Escrow.charge(12 * MINUTE, credits("7"), SPEC, FeeRate.DEFAULT);

        assertThat(c.price()).isEqualTo(credits("0.5"));
        assertThat(c.gross()).isEqualTo(credits("0.1"));
    }

    @Test
    void charge_roundsGrossUpToTheMicroCredit() {
        // 1 ms at 0.5 credits an hour is 0.1389 micro-credits
        assertThat(Escrow.charge(1, credits("0.5"), SPEC, FeeRate.DEFAULT).gross()).isEqualTo(Credits.ofMicros(1));
        // 7 ms at 0.5 credits an hour is 0.972 micro-credits
        assertThat(Escrow.charge(7, credits("0.5"), SPEC, FeeRate.DEFAULT).gross()).isEqualTo(Credits.ofMicros(1));
        assertThat(Escrow.charge(8, credits("0.5"), SPEC, FeeRate.DEFAULT).gross()).isEqualTo(Credits.ofMicros(2));
    }

    @Test
    void charge_runtimePastTheTimeout_isCappedAtTheTaskCap() {
        var c = Escrow.charge(45 * MINUTE, credits("0.5"), SPEC, FeeRate.DEFAULT);

        assertThat(c.gross()).isEqualTo(Escrow.taskCap(SPEC)).isEqualTo(credits("0.25"));
        assertThat(c.runtimeMillis()).isEqualTo(45 * MINUTE);
    }

    @Test
    void charge_netPlusFeeIsGross_feeRoundedDown() {
        var c = Escrow.charge(1, credits("0.5"), SPEC, FeeRate.parsePercent("50%"));

        assertThat(c.fee()).isEqualTo(Credits.ZERO);
        assertThat(c.net()).isEqualTo(Credits.ofMicros(1));
    }

    @Test
    void charge_zeroRuntimeOrZeroAsk_costsNothing() {
        assertThat(Escrow.charge(0, credits("0.5"), SPEC, FeeRate.DEFAULT).gross()).isEqualTo(Credits.ZERO);
        assertThat(Escrow.charge(10 * MINUTE, Credits.ZERO, SPEC, FeeRate.DEFAULT).gross()).isEqualTo(Credits.ZERO);
    }

    @Test
    void charge_negativeRuntime_isRejected() {
        assertThatThrownBy(() -> Escrow.charge(-1, credits("0.5"), SPEC, FeeRate.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    /** Regression: a negative ask used to give a negative gross, which {@link Escrow#pay} then silently dropped. */
    @Test
    void charge_negativeAsk_isRejected() {
        assertThatThrownBy(() -> Escrow.charge(MINUTE, credits("-0.5"), SPEC, FeeRate.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0.5");
    }

    @Test
    void pay_givesNetToTheOwnerAndFeeToTheTreasury_byTask() {
        var c = Escrow.charge(10 * MINUTE, credits("0.3"), SPEC, FeeRate.DEFAULT);

        assertThat(Escrow.pay(TASK, OWNER, c)).containsExactly(
                new Posting(PostingKind.PAY, "job-1/3", escrow(), owner(), credits("0.0495")),
                new Posting(PostingKind.FEE, "job-1/3", escrow(), LedgerAccount.TREASURY, credits("0.0005")));
    }

    @Test
    void pay_zeroFee_omitsTheFeePosting() {
        var c = Escrow.charge(10 * MINUTE, credits("0.3"), SPEC, new FeeRate(0));

        assertThat(Escrow.pay(TASK, OWNER, c)).extracting(Posting::kind).containsExactly(PostingKind.PAY);
    }

    @Test
    void pay_nothingCharged_postsNothing() {
        assertThat(Escrow.pay(TASK, OWNER, Escrow.charge(0, credits("0.3"), SPEC, FeeRate.DEFAULT))).isEmpty();
    }

    @Test
    void refund_givesTheRestBackToTheClient() {
        assertThat(Escrow.refund(JOB, CLIENT, credits("1.5")))
                .contains(new Posting(PostingKind.REFUND, "job-1", escrow(), client(), credits("1.5")));
    }

    @Test
    void refund_nothingLeft_isEmpty() {
        assertThat(Escrow.refund(JOB, CLIENT, Credits.ZERO)).isEmpty();
    }

    record Case(int tasks, long timeoutMillis, long maxPriceMicros, long runtimeMillis, long askMicros, int feeBasisPoints) {
        JobSpec spec() {
            return LedgerFixtures.spec(org.gridmint.core.CoreFixtures.draft().withTasks(tasks).withTimeout(timeoutMillis + "ms")
                    .withMaxPrice(Credits.ofMicros(maxPriceMicros).toString()));
        }
    }

    static Case randomCase(java.util.random.RandomGenerator r) {
        long timeout = between(r, 1_000, 7L * 24 * 3_600_000);
        return new Case((int) between(r, 1, JobSpecValidator.MAX_TASKS), timeout, between(r, 1, JobSpecValidator.MAX_PRICE_LIMIT.micros()),
                between(r, 0, 2 * timeout), between(r, 0, 2 * JobSpecValidator.MAX_PRICE_LIMIT.micros()), (int) between(r, 0, 5000));
    }

    @Test
    void charge_isRuntimeTimesCappedPriceRoundedUp_neverAboveTheTaskCap() {
        RandomCases.forEach(300, 0x657363726F77L, EscrowTest::randomCase, c -> {
            JobSpec spec = c.spec();
            var charge = Escrow.charge(c.runtimeMillis(), Credits.ofMicros(c.askMicros()), spec, new FeeRate(c.feeBasisPoints()));

            long price = Math.min(c.askMicros(), c.maxPriceMicros());
            BigInteger exact = BigInteger.valueOf(price).multiply(BigInteger.valueOf(c.runtimeMillis()));
            BigInteger cap = BigInteger.valueOf(Escrow.taskCap(spec).micros());
            BigInteger ceil = exact.add(BigInteger.valueOf(3_599_999)).divide(BigInteger.valueOf(3_600_000));
            assertThat(charge.price().micros()).isEqualTo(price);
            assertThat(BigInteger.valueOf(charge.gross().micros())).isEqualTo(ceil.min(cap));
            assertThat(charge.net().plus(charge.fee())).isEqualTo(charge.gross());
            assertThat(charge.fee()).isEqualTo(new FeeRate(c.feeBasisPoints()).on(charge.gross()));
            assertThat(Escrow.maxCost(spec).micros()).isEqualTo(cap.multiply(BigInteger.valueOf(c.tasks())).longValueExact());
        });
    }
}
