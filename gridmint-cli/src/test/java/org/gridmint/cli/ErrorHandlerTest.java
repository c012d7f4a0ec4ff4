package org.gridmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import org.gridmint.api.Problem;
import org.gridmint.client.fake.FakeCoordinator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ErrorHandlerTest {
    private final FakeCoordinator fake = new FakeCoordinator();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void apiError_printsStatusTitleAndDetail_withoutAStackTrace() {
        Cli.Result r = Cli.against(fake.url(), "job", "status", "job-missing");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: 404 Not Found\n").contains("no job 'job-missing'").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void apiError_printsEachFieldErrorAndTheStateOnItsOwnLine() {
        fake.job(org.gridmint.client.fake.Fixtures.uniform("job-1", "SUCCEEDED", 1, "SUCCEEDED"));
        fake.fail("POST", "/api/v1/jobs/job-1/cancel", new Problem("about:blank", "Conflict", 409, "job-1 has already ended", null,
                List.of(new Problem.FieldProblem("jobId", "is final"), new Problem.FieldProblem("reason", "is too long")), "SUCCEEDED"));

        Cli.Result r = Cli.against(fake.url(), "job", "cancel", "job-1");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines()).containsExactly("error: 409 Conflict", "  job-1 has already ended", "  current state: SUCCEEDED",
                "  - jobId: is final", "  - reason: is too long");
    }

    @Test
    void unreachableCoordinator_saysSoAndHowToStartOne() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        Cli.Result r = Cli.against(URI.create("http://127.0.0.1:" + port), "job", "list");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot reach the coordinator at http://127.0.0.1:" + port).contains("gridmint coordinator")
                .contains("--coordinator").doesNotContain("\tat ");
    }

    @Test
    void unreachableChainNode_saysToTryAgain_withoutAStackTrace() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + port;
        fake.chain(new org.gridmint.api.ChainInfo("evm", 31337L, nowhere, "0x" + "1".repeat(40), "0x" + "2".repeat(40), "0x" + "3".repeat(40), 2,
                "0x" + "4".repeat(40)));
        java.nio.file.Path key = java.nio.file.Files.createTempDirectory("chain-key-").resolve("k.key");
        org.gridmint.chain.ChainKeys.writeKeyFile(key, org.gridmint.chain.ChainKeys.newPrivateKeyHex());

        Cli.Result r = Cli.against(fake.url(), "wallet", "deposit", "1", "--chain-key", key.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: ").contains("(the chain's node may be down or slow: try again)").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badJobId_isRejectedBeforeAnyRequest() {
        Cli.Result r = Cli.against(fake.url(), "job", "status", "not an id");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not a job id: 'not an id'").contains("gridmint job status --help");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void unexpectedErrors_areReportedAsBugs_withTheirStackTrace() {
        var cmd = Main.commandLine(CliContext.system());
        var err = new java.io.StringWriter();
        cmd.setErr(new java.io.PrintWriter(err));

        int exit = new ErrorHandler().handleExecutionException(new IllegalStateException("boom"), cmd, null);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("internal error").contains("boom").contains("\tat ");
    }

    @Test
    void cliException_printsItsMessage_andExitsWithItsCode() {
        var cmd = Main.commandLine(CliContext.system());
        var err = new java.io.StringWriter();
        cmd.setErr(new java.io.PrintWriter(err));

        assertThat(new ErrorHandler().handleExecutionException(new CliException("nope", 3), cmd, null)).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("nope" + System.lineSeparator());
    }
}
