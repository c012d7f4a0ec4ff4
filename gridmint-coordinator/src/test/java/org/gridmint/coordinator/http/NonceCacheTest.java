package org.gridmint.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.gridmint.coordinator.http.NonceCache.Outcome;
import org.gridmint.core.ids.AccountId;
import org.junit.jupiter.api.Test;

class NonceCacheTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration KEEP = Duration.ofMinutes(10);
    private static final AccountId ALICE = AccountId.of("acct-alice");
    private static final AccountId BOB = AccountId.of("acct-bob");

    private static long at(long secondsAfterNow) {
        return NOW.plusSeconds(secondsAfterNow).toEpochMilli();
    }

    @Test
    void aNonce_isFreshOnce_thenReplayed() {
        NonceCache c = new NonceCache(100, KEEP);

        assertThat(c.record(ALICE, "nonce-0000000000000001", at(0), NOW)).isEqualTo(Outcome.FRESH);
        assertThat(c.record(ALICE, "nonce-0000000000000001", at(0), NOW.plusSeconds(30))).isEqualTo(Outcome.REPLAYED);
        assertThat(c.record(ALICE, "nonce-0000000000000001", at(5), NOW)).as("a new timestamp does not make it new").isEqualTo(Outcome.REPLAYED);
    }

    @Test
    void nonces_arePerAccount() {
        NonceCache c = new NonceCache(100, KEEP);

        assertThat(c.record(ALICE, "nonce-0000000000000001", at(0), NOW)).isEqualTo(Outcome.FRESH);
        assertThat(c.record(BOB, "nonce-0000000000000001", at(0), NOW)).isEqualTo(Outcome.FRESH);
    }

    @Test
    void entries_areDroppedOnceTheirTimestampIsOlderThanKeep() {
        NonceCache c = new NonceCache(100, KEEP);
        c.record(ALICE, "nonce-0000000000000001", at(0), NOW);
        c.record(ALICE, "nonce-0000000000000002", at(60), NOW);

        c.record(ALICE, "nonce-0000000000000003", at(600), NOW.plus(KEEP).plusMillis(1));

        assertThat(c.size()).isEqualTo(2);
        assertThat(c.floorMillis()).as("expiry is not eviction").isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void whenFull_theOldestGoes_andNothingSignedThatEarlyIsAcceptedAgain() {
        NonceCache c = new NonceCache(3, KEEP);
        for (int i = 1; i <= 3; i++) assertThat(c.record(ALICE, "nonce-000000000000000" + i, at(i), NOW)).isEqualTo(Outcome.FRESH);

        assertThat(c.record(ALICE, "nonce-0000000000000004", at(4), NOW)).isEqualTo(Outcome.FRESH);

        assertThat(c.size()).isEqualTo(3);
        assertThat(c.floorMillis()).isEqualTo(at(1));
        assertThat(c.record(ALICE, "nonce-0000000000000001", at(1), NOW)).as("the evicted one, replayed").isEqualTo(Outcome.TOO_OLD);
        assertThat(c.record(BOB, "nonce-0000000000000009", at(0), NOW)).as("new, but older than what was evicted").isEqualTo(Outcome.TOO_OLD);
        assertThat(c.record(ALICE, "nonce-0000000000000002", at(2), NOW)).isEqualTo(Outcome.REPLAYED);
        assertThat(c.record(BOB, "nonce-0000000000000005", at(5), NOW)).isEqualTo(Outcome.FRESH);
    }
}
