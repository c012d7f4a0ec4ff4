package org.gridmint.coordinator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.gridmint.api.NetworkReport;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.PostingKind;
import org.junit.jupiter.api.Test;

/** Online inference in the network report: what the client paid through the gateway is revenue, its fee part is fees. */
class InferenceReportTest extends GatewayTestBase {

    @Test
    void gatewayRequests_countAsRevenue_andTheirFeePostingsAsFees() throws Exception {
        provider(2, "1000");
        for (String text : List.of("a sentence to embed", "and another, a little longer than the first"))
            assertThat(embeddings(request(List.of(text))).statusCode()).isEqualTo(200);
        net.coordinator.gateway().billing().flush(); // bills commit behind the answers

        long[] paid = new long[2]; // all INFERENCE, and those to the treasury
        net.coordinator.store().inTransaction(tx -> {
            tx.ledger().scan(0, e -> {
                if (e.posting().kind() != PostingKind.INFERENCE) return;
                paid[0] += e.posting().amount().micros();
                if (e.posting().to().equals(LedgerAccount.TREASURY)) paid[1] += e.posting().amount().micros();
            }, bad -> { throw new AssertionError(bad.toString()); });
            return null;
        });
        NetworkReport.Epoch open = net.coordinator.reports().report(1).epochs().getFirst();

        assertThat(paid[0]).isPositive();
        assertThat(paid[1]).isPositive();
        assertThat(open.state()).isEqualTo("OPEN");
        assertThat(open.revenue()).isEqualByComparingTo(BigDecimal.valueOf(paid[0], 6));
        assertThat(open.fees()).isEqualByComparingTo(BigDecimal.valueOf(paid[1], 6));
        // Online inference is neither task work that clients paid by the hour nor verified work.
        assertThat(open.usefulGpuHours()).isZero();
        assertThat(open.verifiedGpuHours()).isZero();
        assertThat(open.clientPricePerGpuHour()).isNull();
    }
}
