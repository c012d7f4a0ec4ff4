package org.gridmint.coordinator.economics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.gridmint.api.NetworkReport;
import org.gridmint.api.PayoutAddressRequest;
import org.gridmint.coordinator.store.EconomicsTx;
import org.gridmint.core.ids.AccountId;
import org.junit.jupiter.api.Test;

/**
 * The network report of a coordinator that settles on-chain (through the recording port): a closed epoch's batch shows what
 * it paid out, its root and the transaction that posted it, as the epoch's row and its leaves record them.
 */
class OnChainReportTest extends EconomicsTestBase {
    private static final String X = "0x" + "ab".repeat(20);

    @Test
    void aPostedEpoch_showsItsPayoutsRootAndTransaction() {
        open(economics(Duration.ofMinutes(1), 8760), new RecordingSettlement(true));
        String a = farm.add("a", Farm.Kind.HONEST);
        String b = farm.add("b", Farm.Kind.HONEST);
        AccountId owner = farm.owner(a);
        net.coordinator.economics().setAddress(owner, new PayoutAddressRequest(X));
        verifiedJob(a, b);

        closeThrough(0);
        NetworkReport r = net.coordinator.reports().report(2);

        EconomicsTx.EpochRecord row = epoch(0);
        List<EconomicsTx.Leaf> leaves = net.coordinator.store().inTransaction(tx -> tx.economics().leaves(0));
        long leafCredits = leaves.stream().mapToLong(l -> l.credits().micros()).sum();
        long leafTokens = leaves.stream().mapToLong(l -> l.tokens().micros()).sum();
        assertThat(r.settlement()).isEqualTo("evm");
        NetworkReport.Epoch zero = r.epochs().get(1);
        assertThat(zero.epoch()).isZero();
        assertThat(zero.state()).isEqualTo("POSTED");
        assertThat(zero.closed()).isTrue();
        assertThat(zero.root()).isEqualTo(row.root()).startsWith("0x");
        assertThat(zero.txHash()).isEqualTo(row.txHash()).isNotNull();
        assertThat(leafCredits).isPositive();
        assertThat(zero.payoutCredits()).isEqualByComparingTo(BigDecimal.valueOf(leafCredits, 6));
        assertThat(zero.payoutTokens()).isEqualByComparingTo(BigDecimal.valueOf(leafTokens, 6));
        assertThat(zero.emitted()).isEqualByComparingTo("1000");
        assertThat(r.totals().payoutCredits()).isEqualByComparingTo(zero.payoutCredits());
        assertThat(r.totals().root()).isNull();
        assertThat(r.epochs().getFirst().state()).isEqualTo("OPEN");
        assertThat(r.epochs().getFirst().payoutCredits()).isZero();
    }
}
