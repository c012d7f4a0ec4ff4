package org.gridmint.coordinator.economics;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.gridmint.api.PayoutAddressRequest;
import org.gridmint.api.WithdrawRequest;
import org.gridmint.api.WithdrawalView;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.Test;

/**
 * Two withdrawals with the same reference at the same time (a client retrying while its first request is still in
 * flight) both answer the one withdrawal made: idempotent under a race, not a 500, on both stores.
 */
class WithdrawalRaceTest extends EconomicsTestBase {
    private static final AccountId ALICE = AccountId.of("acct-alice");
    private static final int ROUNDS = 10;

    @Test
    void racingWithdrawals_withOneReference_bothAnswerTheFirst_onSqlite() throws Exception {
        open(economics(Duration.ofMinutes(1), 8760), new RecordingSettlement(false));
        race(null);
    }

    @Test
    void racingWithdrawals_withOneReference_bothAnswerTheFirst_onPostgres() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            var config = economics(Duration.ofMinutes(1), 8760);
            String url = pg.getJdbcUrl("postgres", "postgres");
            net = new TestNetwork(dir, InstantSource.system(), c -> c.withEconomics(config).withJdbc(url, "postgres", null),
                    (c, g, s) -> new RecordingSettlement(false));
            farm = new Farm(net);
            race(url);
            net.close(); // audited on PostgreSQL, before the database stops
            net = null;
        }
    }

    /**
     * Rounds of two same-reference withdrawals let go together. On PostgreSQL a third transaction first holds the ledger's
     * lock until both requests wait behind it, so that both have started before either posts: the interleaving that raced.
     */
    private void race(String postgresUrl) throws Exception {
        net.fund(ALICE, "50");
        net.coordinator.economics().setAddress(ALICE, new PayoutAddressRequest("0x" + "5e".repeat(20)));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                var request = new WithdrawRequest(BigDecimal.ONE, "retry-" + round);
                CountDownLatch held = new CountDownLatch(1);
                CountDownLatch release = new CountDownLatch(1);
                Future<?> holder = null;
                if (postgresUrl != null) {
                    holder = pool.submit(() -> net.coordinator.store().inTransaction(tx -> {
                        tx.lockStakes();
                        held.countDown();
                        try {
                            release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return null;
                    }));
                    assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
                }
                Future<WithdrawalView> first = pool.submit(() -> net.coordinator.economics().withdraw(ALICE, request));
                Future<WithdrawalView> second = pool.submit(() -> net.coordinator.economics().withdraw(ALICE, request));
                if (postgresUrl != null) {
                    waitForLockWaiters(postgresUrl, 2);
                    release.countDown();
                    holder.get(30, TimeUnit.SECONDS);
                }
                assertThat(second.get(30, TimeUnit.SECONDS)).as("round " + round).isEqualTo(first.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(balance(ALICE)).isEqualTo(Credits.parse("50").minus(Credits.parse(String.valueOf(ROUNDS))));
        assertThat(net.coordinator.economics().withdrawals(ALICE, 100).withdrawals()).hasSize(ROUNDS);
    }

    /** Waits until {@code n} sessions wait on a lock: both withdrawals are inside their transactions, behind the holder. */
    private static void waitForLockWaiters(String url, int n) throws Exception {
        try (var c = DriverManager.getConnection(url, "postgres", null); var s = c.createStatement()) {
            for (int i = 0; i < 3000; i++) {
                try (var rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")) {
                    rs.next();
                    if (rs.getInt(1) >= n) return;
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError(n + " withdrawals never waited on the ledger's lock");
    }
}
