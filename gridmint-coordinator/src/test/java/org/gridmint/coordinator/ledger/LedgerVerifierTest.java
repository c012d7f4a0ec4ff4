package org.gridmint.coordinator.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.gridmint.api.Assignment;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.SubmitJobRequest;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ledger.LedgerAudit.Break;
import org.gridmint.core.ledger.LedgerAudit.Problem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What `ledger verify` catches when someone edits the store behind the coordinator's back. */
class LedgerVerifierTest extends InProcessNetworkTest {
    static final AccountId CLIENT = AccountId.of("acct-client");

    @BeforeEach
    void aJobWithPaidTasks() {
        net.fund(CLIENT, "5");
        net.coordinator.jobs().submit(CLIENT.value(), new SubmitJobRequest(TestNetwork.spec(2), List.of()));
        String p = net.provider("p1", "0.36", 2);
        List<Assignment> got = net.claim(p, 2);
        net.clock.advance(Duration.ofSeconds(10));
        for (Assignment a : got)
            net.coordinator.work().complete(TestNetwork.OWNER, a.attemptId(), new CompleteRequest(p, 0, List.of(), null, null, 10_000));
    }

    private void sql(String statement) throws SQLException {
        net.skipLedgerAudit();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("gridmint.db")); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    private List<Break> breaks() {
        return LedgerVerifier.verify(net.coordinator.store()).breaks();
    }

    @Test
    void untouchedLedger_passes() {
        var result = LedgerVerifier.verify(net.coordinator.store());

        assertThat(result.breaks()).isEmpty();
        assertThat(result.journal().entries()).as("deposit, hold, 2 × (pay, fee), refund").isEqualTo(7);
    }

    @Test
    void changedAmount_inTheJournal_isAChainBreak() throws SQLException {
        sql("UPDATE ledger_journal SET amount = amount + 1 WHERE kind = 'PAY' AND seq = (SELECT MIN(seq) FROM ledger_journal WHERE kind = 'PAY')");

        assertThat(breaks()).extracting(Break::problem).contains(Problem.CHAIN, Problem.BALANCE);
    }

    @Test
    void changedBalance_isABalanceBreak() throws SQLException {
        sql("UPDATE ledger_balances SET balance = balance + 1000000 WHERE account = 'acct-client'");

        assertThat(breaks()).extracting(Break::problem).contains(Problem.BALANCE, Problem.CONSERVATION);
    }

    @Test
    void deletedPayment_withItsCharge_isAMissedTask() throws SQLException {
        sql("DELETE FROM task_charges WHERE idx = 1");
        sql("DELETE FROM ledger_journal WHERE kind IN ('PAY', 'FEE') AND reference LIKE '%/1'");

        assertThat(breaks()).extracting(Break::detail).anySatisfy(d -> assertThat(d).contains("succeeded but was never paid"));
    }

    @Test
    void paymentForCheckpointedWork_thatNoAttemptResumed_isABreak() throws SQLException {
        // A forged resumed-from payment: the task succeeded, but its paid attempt is the winner itself, which nobody resumed from.
        sql("INSERT INTO resumed_charges (attempt_id, job_id, idx, provider_id, provider_owner, runtime_ms, price_micros, gross, fee, net, at)"
                + " SELECT attempt_id, job_id, idx, provider_id, provider_owner, 1000, price_micros, 0, 0, 0, at FROM task_charges WHERE idx = 0");

        assertThat(breaks()).extracting(Break::detail).anySatisfy(d -> assertThat(d).contains("was paid for its checkpointed work but it is SUCCEEDED"));
    }

    @Test
    void unknownPostingKind_isReported_notThrown() throws SQLException {
        sql("UPDATE ledger_journal SET kind = 'GIFT' WHERE seq = 1");

        assertThat(breaks()).extracting(Break::detail).anySatisfy(d -> assertThat(d).contains("not a valid posting", "GIFT"));
    }

    @Test
    void headRow_pointingElsewhere_isAChainBreak() throws SQLException {
        sql("UPDATE ledger_head SET seq = seq - 1");

        assertThat(breaks()).extracting(Break::detail).anySatisfy(d -> assertThat(d).contains("head row"));
    }
}
