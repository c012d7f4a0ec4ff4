package org.gridmint.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A smoke test of the driver, not a measurement: a 20-task job completes in every mode and is counted right. */
class ThroughputBenchTest {

    @ParameterizedTest
    @ValueSource(strings = {"http", "in-process", "agent-jvm"})
    void completesEveryTaskOfTheJobExactlyOnce(String mode) throws Exception {
        BenchOptions o = BenchOptions.parse("--mode", mode, "--tasks", "20", "--jobs", "2", "--agents", "2", "--batch", "4",
                "--warmup", "5", "--wait", "200", "--timeout-s", "60", "--agent-heap", "128m");
        ByteArrayOutputStream text = new ByteArrayOutputStream();

        ThroughputBench.Result r = ThroughputBench.run(o, new PrintStream(text, true, StandardCharsets.UTF_8));

        assertThat(r.ok()).as(text.toString(StandardCharsets.UTF_8)).isTrue();
        assertThat(r.report().completed()).isEqualTo(20);
        assertThat(r.report().completeLatency().count()).isEqualTo(20);
        assertThat(r.report().claimedTasks()).isEqualTo(20);
        assertThat(r.check().jobStates()).isEqualTo(Map.of("SUCCEEDED", 2));
        assertThat(r.check().tasksSucceeded()).isEqualTo(20);
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("RESULT mode=" + mode + " tasks=20");
    }
}
