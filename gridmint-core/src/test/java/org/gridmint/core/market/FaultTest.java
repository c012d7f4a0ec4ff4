package org.gridmint.core.market;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridmint.core.lifecycle.AttemptReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FaultTest {

    @ParameterizedTest
    @EnumSource(value = AttemptReason.class, names = {"PROVIDER_LOST", "STAGING_FAILED", "UPLOAD_FAILED", "SANDBOX_ERROR", "RUNTIME_ERROR"})
    void of_failuresOfTheProvidersMachinery_areTheProviders(AttemptReason reason) {
        assertThat(Fault.of(reason)).isEqualTo(Fault.PROVIDER);
    }

    @ParameterizedTest
    @EnumSource(value = AttemptReason.class, names = {"EXIT_NONZERO", "TIMEOUT", "OUTPUT_MISSING"})
    void of_failuresOfTheCommand_areTheJobs(AttemptReason reason) {
        assertThat(Fault.of(reason)).isEqualTo(Fault.JOB);
    }

    @ParameterizedTest
    @EnumSource(value = AttemptReason.class, names = {"PROVIDER_DRAINED", "CANCELLED", "SUPERSEDED"})
    void of_drainsCancelsAndLostRaces_areNobodys(AttemptReason reason) {
        assertThat(Fault.of(reason)).isEqualTo(Fault.NEITHER);
    }
}
