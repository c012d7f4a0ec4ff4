package org.gridmint.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.gridmint.coordinator.economics.EconomicsConfig;
import org.junit.jupiter.api.Test;

class DemoEconomicsTest {
    @Test
    void demoEpochs_emitAtTheDefaultScheduleHourlyRate() {
        EconomicsConfig demo = DemoEconomics.config(Instant.parse("2026-12-04T10:00:00.750Z"));
        EconomicsConfig d = EconomicsConfig.DEFAULT;

        long epochsPerHour = Duration.ofHours(1).toSeconds() / demo.epoch().toSeconds();
        long demoPerHour = demo.schedule().initial().micros() * epochsPerHour;
        long defaultPerHour = d.schedule().initial().micros() * (Duration.ofHours(1).toSeconds() / d.epoch().toSeconds());
        // Rounded down to the µGRID per epoch: at most one µGRID an epoch short.
        assertThat(demoPerHour).isBetween(defaultPerHour - epochsPerHour, defaultPerHour);
        assertThat(demo.genesis()).as("whole seconds, as the settlement contract counts them").isEqualTo(Instant.parse("2026-12-04T10:00:00Z"));
        assertThat(demo.treasuryShareBasisPoints()).isEqualTo(d.treasuryShareBasisPoints());
        assertThat(demo.gridPrice()).isEqualTo(d.gridPrice());
    }
}
