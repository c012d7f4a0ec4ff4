package org.gridmint.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.core.ledger.LedgerFixtures.JOB;
import static org.gridmint.core.ledger.LedgerFixtures.OWNER;
import static org.gridmint.core.ledger.LedgerFixtures.credits;
import static org.gridmint.core.ledger.LedgerFixtures.escrow;
import static org.gridmint.core.ledger.LedgerFixtures.owner;
import static org.gridmint.core.ledger.LedgerFixtures.spec;

import java.util.List;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.money.Credits;
import org.gridmint.core.spec.JobSpec;
import org.junit.jupiter.api.Test;

/** Paying the checkpointed work of failed attempts that the winning attempt's chain resumed from. */
class ResumedWorkChargeTest {
    /** Tasks of at most 30 minutes at at most 0.5 credits an hour: 0.25 a task. */
    private static final JobSpec SPEC = spec(10, "30m", "0.5");
    private static final TaskId TASK = new TaskId(JOB, 3);
    private static final long MINUTE = 60_000;

    private static Escrow.Charge winner(long minutes, String ask) {
        return Escrow.charge(minutes * MINUTE, credits(ask), SPEC, FeeRate.DEFAULT);
    }

    @Test
    void chargeResumed_eachPartPaysItsUsefulTimeAtItsOwnAsk_lessTheFee() {
        var parts = List.of(new Escrow.ResumedWork(6 * MINUTE, credits("0.3")), new Escrow.ResumedWork(12 * MINUTE, credits("0.2")));

        var charges = Escrow.chargeResumed(winner(10, "0.4"), parts, SPEC, FeeRate.DEFAULT);

        assertThat(charges).containsExactly(
                new Escrow.Charge(6 * MINUTE, credits("0.3"), credits("0.03"), credits("0.0003"), credits("0.0297")),
                new Escrow.Charge(12 * MINUTE, credits("0.2"), credits("0.04"), credits("0.0004"), credits("0.0396")));
    }

    @Test
    void chargeResumed_anAskAboveMaxPrice_isChargedAtMaxPrice() {
        var c = Escrow.chargeResumed(winner(1, "0.1"), List.of(new Escrow.ResumedWork(6 * MINUTE, credits("2"))), SPEC, FeeRate.DEFAULT);

        assertThat(c.getFirst().price()).isEqualTo(credits("0.5"));
        assertThat(c.getFirst().gross()).isEqualTo(credits("0.05"));
    }

    @Test
    void chargeResumed_neverTakesTheTaskPastItsShareOfTheHold_theWinnerFirst_thenTheNearestPart() {
        // The winner ran 20 of the 30 minutes at maxPrice (0.1666..), the parts 15 minutes each: 0.125 apiece, far past the 0.25 cap.
        Escrow.Charge w = winner(20, "0.5");
        var parts = List.of(new Escrow.ResumedWork(15 * MINUTE, credits("0.5")), new Escrow.ResumedWork(15 * MINUTE, credits("0.5")));

        var charges = Escrow.chargeResumed(w, parts, SPEC, FeeRate.DEFAULT);

        Credits total = w.gross().plus(charges.get(0).gross()).plus(charges.get(1).gross());
        assertThat(total).isEqualTo(Escrow.taskCap(SPEC));
        assertThat(charges.get(0).gross()).isEqualTo(Escrow.taskCap(SPEC).minus(w.gross()));
        assertThat(charges.get(1).gross()).isEqualTo(Credits.ZERO);
        for (var c : charges) assertThat(c.fee().plus(c.net())).isEqualTo(c.gross());
        assertThat(Escrow.payResumed(TASK, AttemptId.of("att-z"), OWNER, charges.get(1))).as("nothing to post for a zero charge").isEmpty();
    }

    @Test
    void chargeResumed_whenTheWinnerTookTheWholeCap_paysThePartsNothing() {
        var c = Escrow.chargeResumed(winner(40, "0.5"), List.of(new Escrow.ResumedWork(5 * MINUTE, credits("0.5"))), SPEC, FeeRate.DEFAULT);

        assertThat(c.getFirst().gross()).isEqualTo(Credits.ZERO);
        assertThat(c.getFirst().net()).isEqualTo(Credits.ZERO);
    }

    @Test
    void payResumed_postsUnderTheAttemptsOwnReference_neverTheTasks() {
        var charge = new Escrow.Charge(6 * MINUTE, credits("0.3"), credits("0.03"), credits("0.0003"), credits("0.0297"));

        var postings = Escrow.payResumed(TASK, AttemptId.of("att-a"), OWNER, charge);

        assertThat(postings).containsExactly(
                new Posting(PostingKind.PAY, "job-1/3@att-a", escrow(), owner(), credits("0.0297")),
                new Posting(PostingKind.FEE, "job-1/3@att-a", escrow(), LedgerAccount.TREASURY, credits("0.0003")));
        assertThat(Escrow.resumedReference(TASK, AttemptId.of("att-a"))).isNotEqualTo(Escrow.pay(TASK, OWNER, charge).getFirst().reference());
    }

    @Test
    void resumedWork_rejectsNegativeTimeOrAsk() {
        assertThatThrownBy(() -> new Escrow.ResumedWork(-1, credits("0.1"))).hasMessageContaining("useful time");
        assertThatThrownBy(() -> new Escrow.ResumedWork(1, Credits.ofMicros(-1))).hasMessageContaining("ask");
    }
}
