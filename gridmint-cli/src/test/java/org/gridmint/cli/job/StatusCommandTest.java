package org.gridmint.cli.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.client.fake.Fixtures.attempt;
import static org.gridmint.client.fake.Fixtures.job;
import static org.gridmint.client.fake.Fixtures.task;

import org.gridmint.api.JobView;
import org.gridmint.api.json.Json;
import org.gridmint.cli.Cli;
import org.gridmint.client.fake.FakeCoordinator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusCommandTest {
    private final FakeCoordinator fake = new FakeCoordinator();
    private final JobView job = job("job-3", "RUNNING",
            task(0, "SUCCEEDED", attempt(1, "prov-x", "LOST", "PROVIDER_LOST"), attempt(2, "prov-y", "SUCCEEDED", null)),
            task(1, "RUNNING", attempt(1, "prov-y", "RUNNING", null)),
            task(2, "PENDING"));

    @BeforeEach
    void start() {
        fake.job(job);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void status_showsWhoRanEachAttemptWhenAndHowItEnded() {
        Cli.Result r = Cli.against(fake.url(), "job", "status", "job-3");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("job-3  demo  RUNNING\n").contains("tasks     3 (pending 1, running 1, succeeded 1)");
        assertThat(r.out().lines().filter(l -> l.contains("prov-x")).findFirst()).hasValueSatisfying(l ->
                assertThat(l).contains("2026-11-03 12:00:11").contains("8.0s").contains("LOST")
                        .contains("PROVIDER_LOST: the provider stopped heartbeating"));
        assertThat(r.out().lines().filter(l -> l.contains("prov-y") && l.contains("running"))).hasSize(1);
        assertThat(r.out().lines().filter(l -> l.startsWith("   2  PENDING"))).hasSize(1);
    }

    @Test
    void statusJson_printsTheJobView() {
        Cli.Result r = Cli.against(fake.url(), "job", "status", "job-3", "--json");

        assertThat(r.exit()).isZero();
        assertThat(Json.read(r.out().getBytes(java.nio.charset.StandardCharsets.UTF_8), JobView.class)).isEqualTo(job);
    }
}
