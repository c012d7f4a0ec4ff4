package org.gridmint.coordinator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.market.Quarantine;
import org.junit.jupiter.api.Test;

/**
 * A provider quarantined while its channel is open stops serving at once (the operator's) or within the coordinator's
 * sweep (automatic: failures of its own, or a slash), and may not open a channel again while quarantined.
 */
class QuarantineChannelTest extends GatewayTestBase {

    @Test
    void operatorQuarantine_closesTheOpenChannel_andRequestsGoToOthers() throws Exception {
        TestProvider held = provider(2, "1");
        TestProvider other = provider(2, "1");

        net.coordinator.providers().quarantine(held.id, null);

        assertThat(held.closedWith.get(5, TimeUnit.SECONDS)).isEqualTo(ChannelHub.QUARANTINED);
        assertThat(net.coordinator.gateway().hub().connected()).containsExactly(ProviderId.of(other.id));
        for (int i = 0; i < 4; i++) assertThat(embeddings(request("x")).statusCode()).isEqualTo(200);
        assertThat(held.calls.get()).isZero();
    }

    @Test
    void automaticQuarantine_closesTheOpenChannel_bySweep_andRefusesReconnecting() throws Exception {
        TestProvider benched = provider(2, "1");
        ProviderId pid = ProviderId.of(benched.id);
        Instant until = Instant.now().plus(Duration.ofHours(1));
        // As Faults (failures in a row) and Stakes (a slash) record it.
        net.coordinator.store().inTransaction(tx -> {
            tx.saveQuarantine(pid, new Quarantine(0, 1, until));
            return null;
        });

        // The coordinator's own loop finds it (every heartbeat/4: 0.5 s here).
        assertThat(benched.closedWith.get(5, TimeUnit.SECONDS)).isEqualTo(ChannelHub.QUARANTINED);
        assertThat(net.coordinator.gateway().hub().connected()).isEmpty();
        assertThat(net.coordinator.gateway().dropQuarantined(Instant.now())).isEmpty();
        try (var again = new TestProvider(benched.id)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> again.open(base, owner)).cause()
                    .isInstanceOfSatisfying(java.net.http.WebSocketHandshakeException.class, h -> assertThat(h.getResponse().statusCode()).isEqualTo(403));
        }
    }
}
