package org.gridmint.coordinator.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.gateway.InferenceBilling;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ledger.LedgerAudit.Break;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What `ledger verify` catches in the gateway's billing when the store is edited behind the coordinator's back. */
class InferenceAuditTest extends InProcessNetworkTest {
    static final AccountId CLIENT = AccountId.of("acct-client");

    @BeforeEach
    void twoBilledRequests() {
        net.fund(CLIENT, "5");
        var billing = new InferenceBilling(net.coordinator.store(), net.config.fee());
        for (int tokens : new int[] {7, 12})
            billing.bill(new InferenceBilling.Served("key-1", CLIENT, ProviderId.of("prov-x"), "acct-owner", "all-minilm-l6-v2-q", 1, tokens,
                    Credits.parse("150")), net.clock.instant());
    }

    private void sql(String statement) throws SQLException {
        net.skipLedgerAudit();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("gridmint.db")); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    private List<String> breaks() {
        return LedgerVerifier.verify(net.coordinator.store()).breaks().stream().map(Break::detail).toList();
    }

    @Test
    void untouched_passes_andTheMeterBilledWhatTheTokensCost() {
        assertThat(breaks()).isEmpty();
        long billed = net.coordinator.store().inTransaction(tx -> {
            long[] b = new long[1];
            tx.gateway().scanMeters(m -> b[0] += m.billed());
            return b[0];
        });
        assertThat(billed).isEqualTo(19 * 150);
    }

    @Test
    void usageTokensEdited_disagreeWithTheMeter() throws SQLException {
        sql("UPDATE gateway_usage SET tokens = tokens + 1 WHERE tokens = 7");

        assertThat(breaks()).anySatisfy(b -> assertThat(b).contains("usage records add up to 20 tokens"));
    }

    @Test
    void meterBillingMoreThanDue_isCaught() throws SQLException {
        sql("UPDATE gateway_meters SET billed = billed + 1");

        assertThat(breaks()).anySatisfy(b -> assertThat(b).contains("more than its 19 tokens cost"));
    }

    @Test
    void usageRecordDeleted_leavesItsPostingsUnexplained() throws SQLException {
        sql("DELETE FROM gateway_usage WHERE tokens = 12");

        assertThat(breaks()).anySatisfy(b -> assertThat(b).contains("no usage record explains"));
    }

    @Test
    void chargeEdited_disagreesWithTheJournal() throws SQLException {
        sql("UPDATE gateway_usage SET charged = charged + 5, fee = fee WHERE tokens = 12");

        assertThat(breaks()).anySatisfy(b -> assertThat(b).contains("but the journal moved"));
    }
}
