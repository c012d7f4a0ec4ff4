package org.gridmint.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.gridmint.api.JobView;
import org.gridmint.api.Problem;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.http.ApiException;
import org.gridmint.api.json.InvalidInputException;
import org.gridmint.client.fake.FakeCoordinator;
import org.gridmint.client.fake.Fixtures;
import org.gridmint.core.spec.FieldError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridmintClientTest {
    private final FakeCoordinator fake = new FakeCoordinator();
    private final Identity alice = Identity.generate();
    private final GridmintClient client = new GridmintClient(fake.url(), alice);
    @TempDir Path tmp;

    @AfterEach
    void stop() {
        client.close();
        fake.close();
    }

    @Test
    void submit_uploadsEachFileByBaseName_thenPostsTheSpecWithTheirRefs() throws IOException {
        Files.createDirectories(tmp.resolve("data"));
        Files.writeString(tmp.resolve("data/input.csv"), "a,b\n");
        Files.writeString(tmp.resolve("model.py"), "print(1)\n");
        Path spec = Files.writeString(tmp.resolve("job.yaml"), """
                name: squares
                command: ["python3", "model.py"]
                tasks: 3
                files: ["data/input.csv", "model.py"]
                """);

        JobView job = client.submit(spec);

        assertThat(job.id()).isEqualTo("job-1");
        assertThat(job.taskCount()).isEqualTo(3);
        var puts = fake.requests().stream().filter(r -> r.method().equals("PUT")).toList();
        assertThat(puts).hasSize(2).allSatisfy(r -> assertThat(r.contentType()).isEqualTo("application/octet-stream"));
        var files = fake.submissions().getFirst().files();
        assertThat(files).extracting(b -> b.name()).containsExactly("input.csv", "model.py");
        assertThat(files.getFirst().sha256()).isEqualTo(FakeCoordinator.sha256("a,b\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(files.getFirst().size()).isEqualTo(4);
        assertThat(fake.submissions().getFirst().spec().name()).isEqualTo("squares");
    }

    @Test
    void everyRequest_isSignedByTheClientsIdentity() throws IOException {
        Files.writeString(tmp.resolve("in.txt"), "data");
        JobView job = client.submit(Files.writeString(tmp.resolve("job.json"), "{\"name\":\"a\",\"command\":[\"true\"],\"files\":[\"in.txt\"]}"));
        client.jobs();
        client.job(job.id());
        client.logs(job.id(), 0);

        assertThat(fake.requests()).hasSize(5).extracting(FakeCoordinator.Request::account).containsOnly(alice.account().value());
    }

    @Test
    void submit_invalidSpec_listsEveryFieldError_andSendsNothing() throws IOException {
        Path spec = Files.writeString(tmp.resolve("job.yaml"), "tasks: 0\nretries: 99\n");

        assertThatThrownBy(() -> client.submit(spec)).isInstanceOfSatisfying(InvalidInputException.class, e ->
                assertThat(e.errors()).extracting(FieldError::field).contains("name", "command", "tasks", "retries"));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void submit_unreadableSpec_namesTheField() throws IOException {
        Path spec = Files.writeString(tmp.resolve("job.yaml"), "name: a\ncommand: [true]\ntasks: many\n");

        assertThatThrownBy(() -> client.submit(spec)).isInstanceOfSatisfying(InvalidInputException.class, e ->
                assertThat(e.errors()).extracting(FieldError::field).containsExactly("tasks"));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void submit_missingFile_isReportedBeforeAnyUpload() throws IOException {
        Files.writeString(tmp.resolve("present.txt"), "x");
        Path spec = Files.writeString(tmp.resolve("job.yaml"), """
                name: a
                command: ["cat", "present.txt"]
                files: ["present.txt", "absent.txt"]
                """);

        assertThatThrownBy(() -> client.submit(spec)).isInstanceOfSatisfying(InvalidInputException.class, e ->
                assertThat(e.errors()).singleElement().satisfies(f -> {
                    assertThat(f.field()).isEqualTo("files[1]");
                    assertThat(f.message()).contains("absent.txt");
                }));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void jobAndList_readTheViews() {
        fake.job(Fixtures.uniform("job-7", "RUNNING", 2, "RUNNING"));

        assertThat(client.job("job-7").tasks()).hasSize(2);
        assertThat(client.jobs()).extracting(JobView::id).containsExactly("job-7");
    }

    @Test
    void cancel_postsToTheCancelRoute_andReturnsTheJob() {
        fake.job(Fixtures.uniform("job-7", "RUNNING", 1, "RUNNING"));

        assertThat(client.cancel("job-7").state()).isEqualTo("CANCELLED");
        assertThat(fake.requests().getLast().method()).isEqualTo("POST");
        assertThat(fake.requests().getLast().path()).isEqualTo("/api/v1/jobs/job-7/cancel");
    }

    @Test
    void logs_asksForOneTaskOnlyWhenGivenOne() {
        fake.job(Fixtures.uniform("job-7", "RUNNING", 2, "RUNNING")).logs("job-7", null, "all\n").logs("job-7", 1, "one\n");

        assertThat(client.logs("job-7", null)).isEqualTo("all\n");
        assertThat(client.logs("job-7", 1)).isEqualTo("one\n");
        assertThat(fake.requests().getLast().query()).isEqualTo("task=1");
    }

    @Test
    void taskResults_listsOutputs_andOneCanBeDownloaded() throws IOException {
        fake.job(Fixtures.uniform("job-7", "SUCCEEDED", 1, "SUCCEEDED"));
        var ref = fake.blob("out.txt", "42\n".getBytes(StandardCharsets.UTF_8));
        fake.outputs("job-7", 0, List.of(ref));

        assertThat(client.taskResults("job-7", 0)).containsExactly(ref);
        Path target = tmp.resolve("out.txt");
        client.downloadTaskResult("job-7", 0, "out.txt", target);
        assertThat(target).hasContent("42");
    }

    @Test
    void downloadResults_extractsEachTasksOutputsUnderTheDir() throws IOException {
        fake.job(Fixtures.uniform("job-7", "SUCCEEDED", 2, "SUCCEEDED"))
                .archive("job-7", zip("task-00000/out/a.txt", "zero", "task-00001/out/a.txt", "one"));

        List<Path> files = client.downloadResults("job-7", tmp.resolve("results"));

        assertThat(files).hasSize(2);
        assertThat(tmp.resolve("results/task-00001/out/a.txt")).hasContent("one");
    }

    @Test
    void downloadResults_refusesAnEntryEscapingTheDir_andWritesNothing() throws IOException {
        fake.job(Fixtures.uniform("job-7", "SUCCEEDED", 1, "SUCCEEDED"))
                .archive("job-7", zip("task-00000/ok.txt", "fine", "task-00000/../../evil.txt", "gotcha"));

        assertThatThrownBy(() -> client.downloadResults("job-7", tmp.resolve("results")))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("evil.txt");
        assertThat(tmp.resolve("evil.txt")).doesNotExist();
        assertThat(tmp.resolve("results")).doesNotExist();
    }

    @Test
    void downloadEmbeddings_streamsTheAskedFormat_andABadFormatIsA400NamingFormat() {
        byte[] jsonl = "{\"index\":0,\"id\":\"1\",\"embedding\":[0.5]}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        fake.job(Fixtures.uniform("job-7", "SUCCEEDED", 1, "SUCCEEDED")).embeddings("job-7", "jsonl", jsonl);
        var out = new java.io.ByteArrayOutputStream();

        client.downloadEmbeddings("job-7", "jsonl", out);

        assertThat(out.toByteArray()).isEqualTo(jsonl);
        assertThat(fake.requests().getLast().path()).isEqualTo("/api/v1/jobs/job-7/embeddings");
        assertThat(fake.requests().getLast().query()).isEqualTo("format=jsonl");
        assertThatThrownBy(() -> client.downloadEmbeddings("job-7", "csv", tmp.resolve("v.csv")))
                .isInstanceOfSatisfying(org.gridmint.api.http.ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problem().errors()).extracting(org.gridmint.api.Problem.FieldProblem::field).containsExactly("format");
                });
        assertThat(tmp.resolve("v.csv")).doesNotExist();
    }

    @Test
    void watch_reportsEachDistinctViewOnce_andReturnsTheFinalOne() throws InterruptedException {
        var pending = Fixtures.uniform("job-7", "PENDING", 2, "PENDING");
        var running = Fixtures.uniform("job-7", "RUNNING", 2, "RUNNING");
        var done = Fixtures.uniform("job-7", "SUCCEEDED", 2, "SUCCEEDED");
        fake.script("job-7", pending, pending, running, running, done);
        List<String> seen = new ArrayList<>();

        JobView last = client.watch("job-7", Duration.ofMillis(1), v -> seen.add(v.state()));

        assertThat(last.state()).isEqualTo("SUCCEEDED");
        assertThat(seen).containsExactly("PENDING", "RUNNING", "SUCCEEDED");
    }

    @Test
    void apiErrors_carryTheProblem() {
        fake.fail("GET", "/api/v1/providers", new Problem("about:blank", "Service Unavailable", 503, "draining", null, null, null));

        assertThatThrownBy(() -> client.job("job-404")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.problem().detail()).contains("job-404");
        });
        assertThatThrownBy(client::providers).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void providers_readsTheList() {
        fake.providers(List.of(Fixtures.provider("prov-a"), Fixtures.provider("prov-b")));

        assertThat(client.providers()).extracting(p -> p.id()).containsExactly("prov-a", "prov-b");
    }

    @Test
    void stakeUnstakeAndStakeOf_signTheirRequests_toTheProvidersStakeRoutes() {
        var staked = client.stake("prov-a", new java.math.BigDecimal("25"));
        var unstaking = client.unstake("prov-a", new java.math.BigDecimal("5"));
        var shown = client.stakeOf("prov-a");

        assertThat(staked.staked()).isEqualByComparingTo("25");
        assertThat(unstaking.unbonding()).isEqualByComparingTo("5");
        assertThat(shown).isEqualTo(unstaking);
        assertThat(fake.requests()).extracting(r -> r.method() + " " + r.path()).containsExactly("POST /api/v1/providers/prov-a/stake",
                "POST /api/v1/providers/prov-a/unstake", "GET /api/v1/providers/prov-a/stake");
        assertThat(fake.requests()).extracting(FakeCoordinator.Request::account).containsOnly(alice.account().value());
        assertThat(new String(fake.requests().getFirst().body(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"amount\":25");
    }

    @Test
    void stake_refused_isAnApiExceptionNamingTheAmount() {
        assertThatThrownBy(() -> client.stake("prov-a", java.math.BigDecimal.ZERO)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("amount");
        });
    }

    @Test
    void payoutAddress_isSetThenRead_andABadOneIsA400NamingTheAddress() {
        assertThat(client.payoutAddress().address()).isNull();

        var set = client.setPayoutAddress("0x00000000000000000000000000000000000000AB");

        assertThat(set.address()).isEqualTo("0x00000000000000000000000000000000000000ab");
        assertThat(client.payoutAddress()).isEqualTo(set);
        assertThatThrownBy(() -> client.setPayoutAddress("0x12")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("address");
        });
        assertThat(fake.requests()).extracting(r -> r.method() + " " + r.path()).startsWith("GET /api/v1/wallet/address",
                "PUT /api/v1/wallet/address");
        assertThat(fake.requests().get(1).bodyText()).isEqualTo("{\"address\":\"0x00000000000000000000000000000000000000AB\"}");
        assertThat(fake.requests()).extracting(FakeCoordinator.Request::account).containsOnly(alice.account().value());
    }

    @Test
    void withdraw_postsTheAmountAndReference_andWithdrawalsListsThem() {
        var first = client.withdraw(new java.math.BigDecimal("2.5"), "rent");
        var again = client.withdraw(new java.math.BigDecimal("2.5"), "rent");

        assertThat(again).isEqualTo(first);
        assertThat(first.state()).isEqualTo("PENDING");
        assertThat(client.withdrawals().withdrawals()).containsExactly(first);
        assertThat(fake.requests().getFirst().path()).isEqualTo("/api/v1/wallet/withdrawals");
        assertThat(fake.requests().getFirst().bodyText()).isEqualTo("{\"amount\":2.5,\"reference\":\"rent\"}");
    }

    @Test
    void chainInfoAndClaims_readTheChainAndTheLeavesWithTheirProofs() {
        var info = new org.gridmint.api.ChainInfo("evm", 31337L, "http://127.0.0.1:8545", "0x" + "1".repeat(40), "0x" + "2".repeat(40),
                "0x" + "3".repeat(40), 2, "0x" + "4".repeat(40));
        var leaf = new org.gridmint.api.ClaimView(3, "0x" + "5".repeat(40), new java.math.BigDecimal("1.5"), new java.math.BigDecimal("10"),
                "1500000000000000000", "10000000000000000000", "0x" + "a".repeat(64), List.of("0x" + "b".repeat(64)), "0x" + "c".repeat(64), "CLAIMABLE");
        fake.chain(info).claims(List.of(leaf));

        assertThat(client.chainInfo()).isEqualTo(info);
        var claims = client.claims();

        assertThat(claims.chain()).isEqualTo(info);
        assertThat(claims.claims()).containsExactly(leaf);
        assertThat(claims.account()).isEqualTo(alice.account().value());
    }

    @Test
    void unreachableCoordinator_isAnUncheckedIoError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (var c = new GridmintClient(URI.create("http://127.0.0.1:" + port), alice)) {
            assertThatThrownBy(c::jobs).isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot reach the coordinator");
        }
    }

    static byte[] zip(String... namesAndContents) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var z = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                z.putNextEntry(new ZipEntry(namesAndContents[i]));
                z.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
