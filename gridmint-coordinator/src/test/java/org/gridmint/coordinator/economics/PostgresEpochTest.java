package org.gridmint.coordinator.economics;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.InstantSource;
import org.gridmint.api.ClaimView;
import org.gridmint.api.PayoutAddressRequest;
import org.gridmint.api.WithdrawRequest;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.coordinator.store.EconomicsTx;
import org.gridmint.core.ids.AccountId;
import org.junit.jupiter.api.Test;

/** An on-chain epoch closed on PostgreSQL, the scale-out store: the same rewards, sweeps, leaves and audit as on SQLite. */
class PostgresEpochTest extends EconomicsTestBase {

    @Test
    void anEpochClosesAndPosts_onPostgres() throws Exception {
        var port = new RecordingSettlement(true);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            var config = economics(Duration.ofMinutes(1), 8760);
            net = new TestNetwork(dir, InstantSource.system(), c -> c.withEconomics(config).withJdbc(pg.getJdbcUrl("postgres", "postgres"), "postgres", null),
                    (c, g, s) -> port);
            farm = new Farm(net);
            String a = farm.add("a", Farm.Kind.HONEST);
            String b = farm.add("b", Farm.Kind.HONEST);
            AccountId saver = AccountId.of("acct-saver");
            net.coordinator.economics().setAddress(farm.owner(a), new PayoutAddressRequest("0x" + "ab".repeat(20)));
            net.coordinator.economics().setAddress(saver, new PayoutAddressRequest("0x" + "cd".repeat(20)));
            net.fund(saver, "5");
            net.coordinator.economics().withdraw(saver, new WithdrawRequest(new BigDecimal("2"), "w"));
            verifiedJob(a, b);

            assertThat(closeThrough(0)).isEqualTo(new EpochLoop.Run(1, 1));
            assertThat(closeThrough(0)).isEqualTo(new EpochLoop.Run(0, 0));

            assertThat(epoch(0).state()).isEqualTo(EconomicsTx.POSTED);
            assertThat(epoch(0).leaves()).isEqualTo(3);
            assertThat(gridOf(farm.owner(a)).settled()).isEqualTo(grid("450"));
            assertThat(gridOf(farm.owner(b)).unsettled()).as("no payout address: kept").isEqualTo(grid("450"));
            assertThat(net.coordinator.economics().claims(farm.owner(a)).claims()).singleElement()
                    .satisfies(c -> assertThat(c.state()).isEqualTo(ClaimView.CLAIMABLE));
            net.close(); // audited on PostgreSQL, before the database stops
            net = null;
        }
    }
}
