package org.gridmint.coordinator.stake;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.gridmint.api.StakeRequest;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.core.ids.AccountId;
import org.junit.jupiter.api.Test;

/**
 * Two owners' requests racing for one stake: two unstakes of the whole stake at once start one unbonding, the other is
 * refused, and after the release every credit is where it should be. On SQLite (one writer) and on PostgreSQL, where the
 * two transactions really run side by side and only the stake lock keeps them apart.
 */
class StakeRaceTest extends InProcessNetworkTest {
    static final AccountId OWNER = TestNetwork.OWNER;

    @Test
    void twoUnstakesOfTheWholeStake_onSqlite_oneWins() throws Exception {
        race();
    }

    @Test
    void twoUnstakesOfTheWholeStake_onPostgres_oneWins() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            net.close();
            net = new TestNetwork(dir.resolve("pg"), InstantSource.system(), c -> c.withJdbc(pg.getJdbcUrl("postgres", "postgres"), "postgres", null));
            try {
                race();
            } finally {
                // Audited and closed here, while PostgreSQL still runs; the base class closes the empty one put in its place.
                TestNetwork onPostgres = net;
                net = new TestNetwork(dir.resolve("after"));
                onPostgres.close();
            }
        }
    }

    private void race() throws Exception {
        String provider = net.provider("rig", "0.36", 1);
        net.fund(OWNER, "50");
        net.coordinator.stakes().stake(OWNER, provider, new StakeRequest(new BigDecimal("40")));
        int sides = 2;
        CyclicBarrier start = new CyclicBarrier(sides);
        ExecutorService pool = Executors.newFixedThreadPool(sides);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < sides; i++) {
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        net.coordinator.stakes().unstake(OWNER, provider, new StakeRequest(new BigDecimal("40")));
                        return true;
                    } catch (CoordinatorException.Invalid lost) {
                        assertThat(lost.getMessage()).contains("at most 0 can be unstaked");
                        return false;
                    }
                }));
            }
            int won = 0;
            for (Future<Boolean> f : results) if (f.get(60, TimeUnit.SECONDS)) won++;
            assertThat(won).as("exactly one unstake starts an unbonding").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }

        var view = net.coordinator.stakes().view(provider);
        assertThat(view.unbondings()).hasSize(1);
        assertThat(view.unbonding()).isEqualByComparingTo("40");
        net.clock.advance(StakeConfig.DEFAULT_UNBONDING);
        assertThat(net.coordinator.unbondingLoop().runOnce(net.clock.instant())).isEqualTo(1);
        assertThat(net.coordinator.ledger().wallet(OWNER).balance()).as("all 50 back, none twice").isEqualByComparingTo("50");
        assertThat(net.coordinator.stakes().view(provider).staked()).isEqualByComparingTo("0");
    }
}
