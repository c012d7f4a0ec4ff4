package org.gridmint.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.gridmint.client.fake.Fixtures;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private Instant now = Fixtures.T0;

    @Test
    void lineProgress_printsOnlyWhenTheCountsChange_orAfterAQuietSpell() {
        StringWriter out = new StringWriter();
        InstantSource clock = () -> now;
        var p = new LineProgress(new PrintWriter(out), clock);
        var running = Fixtures.uniform("job-1", "RUNNING", 2, "RUNNING");

        p.update(running);
        now = now.plusSeconds(1);
        p.update(running);
        now = now.plus(LineProgress.QUIET);
        p.update(running);
        p.update(Fixtures.uniform("job-1", "SUCCEEDED", 2, "SUCCEEDED"));

        assertThat(out.toString().lines()).containsExactly(
                "job-1 RUNNING 0/2 tasks done (running 2)",
                "job-1 RUNNING 0/2 tasks done (running 2)",
                "job-1 SUCCEEDED 2/2 tasks done (succeeded 2)");
    }

    @Test
    void barProgress_drawsAnAsciiBar_withEventLinesAboveIt() throws InterruptedException {
        var bytes = new ByteArrayOutputStream();
        try (var p = new BarProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            p.update(Fixtures.uniform("job-1", "RUNNING", 4, "RUNNING"));
            p.event("task 1 attempt 1 on prov-x: LOST (PROVIDER_LOST)");
            p.update(Fixtures.uniform("job-1", "SUCCEEDED", 4, "SUCCEEDED"));
            Thread.sleep(Duration.ofMillis(300));
        }

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("job-1").contains("task 1 attempt 1 on prov-x: LOST").contains("4/4").contains("succeeded 4");
        assertThat(text.chars().allMatch(c -> c < 128)).as("ASCII only").isTrue();
    }
}
