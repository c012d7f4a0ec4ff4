package org.gridmint.coordinator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.gridmint.api.ApiKeyRequest;
import org.gridmint.api.ApiKeyView;
import org.gridmint.api.auth.Identity;
import org.gridmint.coordinator.MutableClock;
import org.gridmint.coordinator.store.JdbcStore;
import org.gridmint.core.ids.AccountId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API key cache: two {@link ApiKeys} on one store stand for two coordinators sharing a database. A key revoked
 * through a coordinator stops there at once; through the other, within the cache's TTL; never later.
 */
class ApiKeyCacheTest {
    private static final Duration TTL = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    JdbcStore store;
    final MutableClock clock = MutableClock.atEpochDay();
    final AccountId account = Identity.generate().account();
    ApiKeys here;
    ApiKeys elsewhere;

    @BeforeEach
    void open() {
        store = JdbcStore.sqlite(dir);
        here = new ApiKeys(store, clock, TTL);
        elsewhere = new ApiKeys(store, clock, TTL);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static String bearer(ApiKeyView k) {
        return "Bearer " + k.key();
    }

    @Test
    void keyRevokedThroughThisCoordinator_isRefusedAtOnce_thoughItWasCached() {
        ApiKeyView k = here.create(account, new ApiKeyRequest("app"));
        assertThat(here.authenticate(bearer(k)).id()).isEqualTo(k.id());

        here.revoke(account, k.id());

        assertThatThrownBy(() -> here.authenticate(bearer(k))).isInstanceOf(OpenAiException.class).hasMessageContaining("was revoked");
    }

    @Test
    void keyRevokedThroughAnotherCoordinator_isAcceptedAtMostUntilTheTtl_thenRefused() {
        ApiKeyView k = here.create(account, new ApiKeyRequest("app"));
        here.authenticate(bearer(k)); // cached here at t0

        elsewhere.revoke(account, k.id());
        assertThatThrownBy(() -> elsewhere.authenticate(bearer(k))).hasMessageContaining("was revoked");
        clock.advance(TTL.minusMillis(1));
        assertThat(here.authenticate(bearer(k)).id()).as("still trusted from memory within the TTL").isEqualTo(k.id());

        clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> here.authenticate(bearer(k))).isInstanceOf(OpenAiException.class).hasMessageContaining("was revoked");
        clock.advance(TTL.multipliedBy(3));
        assertThatThrownBy(() -> here.authenticate(bearer(k))).as("a revoked key is never cached").hasMessageContaining("was revoked");
    }

    @Test
    void withoutCache_aKeyRevokedElsewhere_isRefusedAtOnce() {
        ApiKeys uncached = new ApiKeys(store, clock, Duration.ZERO);
        ApiKeyView k = uncached.create(account, new ApiKeyRequest("app"));
        uncached.authenticate(bearer(k));

        elsewhere.revoke(account, k.id());

        assertThatThrownBy(() -> uncached.authenticate(bearer(k))).hasMessageContaining("was revoked");
    }

    @Test
    void unknownKey_isRefused_andAKeyCreatedElsewhereAfterwards_worksAtOnce() {
        assertThatThrownBy(() -> here.authenticate("Bearer gm-doesnotexistdoesnotexist0000")).hasMessageContaining("Incorrect API key");
        ApiKeyView k = elsewhere.create(account, new ApiKeyRequest("later"));

        assertThat(here.authenticate(bearer(k)).account()).isEqualTo(account.value());
    }
}
