package org.gridmint.cli.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.client.fake.Fixtures.attempt;
import static org.gridmint.client.fake.Fixtures.job;
import static org.gridmint.client.fake.Fixtures.task;

import org.gridmint.api.Problem;
import org.gridmint.cli.Cli;
import org.gridmint.client.fake.FakeCoordinator;
import org.gridmint.client.fake.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WatchCommandTest {
    private final FakeCoordinator fake = new FakeCoordinator();

    @AfterEach
    void stop() {
        fake.close();
    }

    @ParameterizedTest
    @CsvSource({"SUCCEEDED, 0", "FAILED, 1", "CANCELLED, 2"})
    void watch_exitsWithTheStatusOfTheFinalState(String state, int exit) {
        fake.script("job-9", Fixtures.uniform("job-9", "PENDING", 3, "PENDING"), Fixtures.uniform("job-9", "RUNNING", 3, "RUNNING"),
                Fixtures.uniform("job-9", state, 3, state));

        Cli.Result r = Cli.against(fake.url(), "job", "watch", "job-9", "--interval", "10ms");

        assertThat(r.exit()).isEqualTo(exit);
        assertThat(r.out().lines().toList().getLast()).startsWith("job-9 " + state);
    }

    @Test
    void watch_printsPlainProgressLinesWhenNotATerminal() {
        fake.script("job-9", Fixtures.uniform("job-9", "PENDING", 2, "PENDING"),
                job("job-9", "RUNNING", task(0, "SUCCEEDED"), task(1, "RUNNING")), Fixtures.uniform("job-9", "SUCCEEDED", 2, "SUCCEEDED"));

        Cli.Result r = Cli.against(fake.url(), "job", "watch", "job-9", "--interval", "10ms");

        assertThat(r.out().lines()).containsExactly(
                "job-9 PENDING 0/2 tasks done (pending 2)",
                "job-9 RUNNING 1/2 tasks done (running 1, succeeded 1)",
                "job-9 SUCCEEDED 2/2 tasks done (succeeded 2)",
                "job-9 SUCCEEDED: 2 tasks in 1m00s");
    }

    @Test
    void watch_reportsEachFailedAttemptOnce_asItHappens() {
        var lost = attempt(1, "prov-x", "LOST", "PROVIDER_LOST");
        var retry = attempt(2, "prov-y", "RUNNING", null);
        var exitFail = attempt(1, "prov-z", "FAILED", "EXIT_NONZERO");
        fake.script("job-9",
                job("job-9", "RUNNING", task(0, "RUNNING", lost, retry), task(1, "RUNNING")),
                job("job-9", "RUNNING", task(0, "RUNNING", lost, retry), task(1, "PENDING", exitFail)),
                job("job-9", "SUCCEEDED", task(0, "SUCCEEDED", lost, attempt(2, "prov-y", "SUCCEEDED", null)), task(1, "SUCCEEDED", exitFail)));

        Cli.Result r = Cli.against(fake.url(), "job", "watch", "job-9", "--interval", "10ms");

        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("task "))).containsExactly(
                "task 0 attempt 1 on prov-x: LOST (PROVIDER_LOST: the provider stopped heartbeating and its lease expired)",
                "task 1 attempt 1 on prov-z: FAILED (EXIT_NONZERO: the command exited with a non-zero status; exit code 3)");
    }

    @Test
    void watch_waitsOutACoordinatorRestart() {
        fake.script("job-9", Fixtures.uniform("job-9", "RUNNING", 1, "RUNNING"), Fixtures.uniform("job-9", "SUCCEEDED", 1, "SUCCEEDED"))
                .fail("GET", "/api/v1/jobs/job-9", Problem.of(503, "Service Unavailable", "starting"), 1, 3);

        Cli.Result r = Cli.against(fake.url(), "job", "watch", "job-9", "--interval", "10ms");

        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("lost the coordinator"))).singleElement().asString()
                .contains("503 Service Unavailable").contains("retrying for up to 2m");
    }

    @Test
    void watch_givesUpAfterItsPatience() {
        fake.script("job-9", Fixtures.uniform("job-9", "RUNNING", 1, "RUNNING"))
                .fail("GET", "/api/v1/jobs/job-9", Problem.of(503, "Service Unavailable", "down"), 1, Integer.MAX_VALUE);

        Cli.Result r = Cli.against(fake.url(), "job", "watch", "job-9", "--interval", "10ms", "--patience", "50ms");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: 503 Service Unavailable");
    }

    @Test
    void watch_ofACoordinatorThatNeverAnswered_failsAtOnce() {
        fake.fail("GET", "/api/v1/jobs/job-9", Problem.of(503, "Service Unavailable", "down"));

        Cli.Result r = Cli.against(fake.url(), "job", "watch", "job-9", "--interval", "10ms");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void watch_ofAnUnknownJob_isAnError() {
        Cli.Result r = Cli.against(fake.url(), "job", "watch", "job-404");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("404").contains("job-404");
    }

    @Test
    void watch_rejectsAnIntervalOutOfRange() {
        Cli.Result r = Cli.against(fake.url(), "job", "watch", "job-9", "--interval", "1ms");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--interval").contains("between 10ms and 10m");
    }
}
