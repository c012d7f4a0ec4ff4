package org.gridmint.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A smoke test of the driver, not a measurement: three real agent processes, one of them cheating, and the figures hold
 * together whatever the scheduling (the cheater may get few tasks or none before the small job ends).
 */
class VerificationRunTest {

    @Test
    void aSmallRun_acceptsNoWrongResult_slashesOnlyTheCheater_andKeepsTheLedgerWhole() throws Exception {
        VerificationOptions o = VerificationOptions.parse("--providers", "3", "--cheaters-pct", "34", "--tasks", "6", "--warmup-tasks", "12",
                "--task-ms", "50", "--timeout-s", "120", "--agent-heap", "96m");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        VerificationReport r = VerificationRun.run(o, new PrintStream(progress, true, StandardCharsets.UTF_8));

        String why = progress.toString(StandardCharsets.UTF_8);
        assertThat(r.cheaters()).isEqualTo(1);
        assertThat(r.deadAgents()).as(why).isEmpty();
        assertThat(r.warmup().state()).as(why).isEqualTo("SUCCEEDED");
        assertThat(r.baseline().state()).as(why).isEqualTo("SUCCEEDED");
        assertThat(r.verified().state()).as(why).isEqualTo("SUCCEEDED");
        assertThat(r.baseline().attempts()).isEqualTo(6);
        assertThat(r.baseline().commandMillis()).isPositive();
        assertThat(r.verified().attempts()).isGreaterThanOrEqualTo(6);
        assertThat(r.wrongAccepted()).isZero();
        assertThat(r.missingOutputs()).isZero();
        assertThat(r.honestRejected()).isZero();
        assertThat(r.honestSlashed()).isZero();
        assertThat(r.honestQuarantined()).isZero();
        assertThat(r.wrongByAgents()).isEqualTo(r.wrongProduced());
        assertThat(r.wrongRejected()).isEqualTo(r.wrongProduced());
        assertThat(r.cheatersSlashed()).isEqualTo(r.wrongProduced() > 0 ? 1 : 0);
        assertThat(r.ledgerAudit()).startsWith("ok");
    }
}
