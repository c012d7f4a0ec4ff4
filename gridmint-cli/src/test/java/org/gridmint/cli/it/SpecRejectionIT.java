package org.gridmint.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import org.gridmint.api.JobList;
import org.gridmint.api.JobView;
import org.gridmint.api.json.Json;
import org.gridmint.client.GridmintClient;
import org.gridmint.coordinator.Coordinator;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.coordinator.ledger.LedgerVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code gridmint job submit} as a user runs it, against a real coordinator: a bad spec is refused before
 * anything is created, with every offending field on stderr and nothing on stdout.
 */
class SpecRejectionIT {
    @TempDir Path tmp;
    private Coordinator coordinator;
    private CliNetwork net;
    private URI url;

    @BeforeEach
    void start(TestInfo test) {
        coordinator = new Coordinator(CoordinatorConfig.defaults(tmp.resolve("coordinator")).withPort(0).withDevFaucet(true), InstantSource.system())
                .start();
        url = URI.create(coordinator.url());
        net = new CliNetwork(tmp, Processes.logDir(test));
        try (GridmintClient client = new GridmintClient(url, net.clientIdentity())) {
            client.faucet(CliNetwork.CLIENT_FUNDS, "it-client-funds");
        }
    }

    @AfterEach
    void stop() {
        if (net != null) net.close();
        if (coordinator != null) {
            try {
                assertThat(LedgerVerifier.verify(coordinator.store()).breaks()).as("ledger verify after the test").isEmpty();
            } finally {
                coordinator.close();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            invalid values   | tasks: 0\\nretries: 99\\ncommand: ["true"]                     | name,tasks,retries
            unknown field    | name: a\\ncommand: ["true"]\\ncolour: blue                     | colour
            wrong type       | name: a\\ncommand: ["true"]\\ntasks: many                      | tasks
            """)
    void malformedSpec_exitsNonZero_namesTheFieldsOnStderr_andCreatesNoJob(String problem, String yaml, String fields) {
        Path spec = JobChecks.writeSpec(tmp.resolve("spec/bad.yaml"), yaml.replace("\\n", "\n"));

        Processes.Completed submit = net.client(url, "job", "submit", spec.toString());

        assertThat(submit.exitCode()).as("%s", submit).isNotZero();
        assertThat(submit.stdout()).as("stdout, where a job id would be").isBlank();
        for (String field : fields.split(",")) assertThat(submit.stderr()).as("%s", submit).contains("- " + field + ": ");
        try (GridmintClient client = new GridmintClient(url, net.clientIdentity())) {
            assertThat(client.jobs()).isEmpty();
        }
    }

    @Test
    void validSpec_printsTheJobIdAloneOnTheFirstLine_andTheJobIsListed() {
        Path spec = JobChecks.writeSpec(tmp.resolve("spec/good.yaml"), "name: fine\ncommand: [\"true\"]\ntasks: 2\n");

        Processes.Completed submit = net.client(url, "job", "submit", spec.toString());

        assertThat(submit.exitCode()).as("%s", submit).isZero();
        assertThat(submit.firstLine()).matches("\\S+");
        assertThat(listedJobs()).extracting(JobView::id).containsExactly(submit.firstLine());
    }

    /** The account's jobs as {@code gridmint job list --json} prints them. */
    private List<JobView> listedJobs() {
        Processes.Completed list = net.client(url, "job", "list", "--json");
        assertThat(list.exitCode()).as("%s", list).isZero();
        JobList jobs = Json.read(list.stdout().getBytes(StandardCharsets.UTF_8), JobList.class);
        return jobs.jobs() == null ? List.of() : jobs.jobs();
    }
}
