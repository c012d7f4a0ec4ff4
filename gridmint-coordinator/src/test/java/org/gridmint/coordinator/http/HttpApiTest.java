package org.gridmint.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.JobList;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.json.Json;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.TestNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API over real HTTP on a loopback ephemeral port: status codes and problem details for bad input. */
class HttpApiTest extends InProcessNetworkTest {
    String base;
    final HttpClient http = HttpClient.newHttpClient();
    final Identity alice = Identity.generate();
    final String aliceAccount = alice.account().value();
    SignedHttp signed;

    @BeforeEach
    void start() {
        net.coordinator.start();
        base = net.coordinator.url();
        assertThat(base).startsWith("http://127.0.0.1:");
        signed = new SignedHttp(base);
    }

    @AfterEach
    void stop() {
        http.close();
        signed.close();
    }

    /** A request signed by alice. */
    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return signed.send(alice, method, path, body);
    }

    private HttpResponse<String> sendBytes(String url, String method, String path, byte[] body) throws Exception {
        try (var other = new SignedHttp(url)) {
            return other.send(other.prepare(alice, method, path, body, java.time.Instant.now(), org.gridmint.api.auth.RequestSigner.newNonce(), null));
        }
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    private int jobCount() {
        return net.coordinator.jobs().list(aliceAccount, 100).jobs().size();
    }

    @Test
    void submit_beyondTheBalance_is402WithTheShortfall_andCreatesNothing() throws Exception {
        net.fund(alice.account(), "1");

        var r = send("POST", ApiPaths.JOBS, "{\"spec\":{\"name\":\"ok\",\"command\":[\"true\"],\"tasks\":3}}");

        assertThat(r.statusCode()).isEqualTo(402);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(r).get("type").asText()).isEqualTo("urn:gridmint:problem:insufficient-funds");
        assertThat(json(r).get("detail").asText()).contains("must hold 3 credits", "short by 2 credits");
        assertThat(jobCount()).isZero();
    }

    @Test
    void wallet_faucetAndHistory_overHttp_inDevMode() throws Exception {
        net.close();
        net = new TestNetwork(dir.resolve("dev"), java.time.InstantSource.system(), c -> c.withDevFaucet(true));
        net.coordinator.start();
        signed.close();
        signed = new SignedHttp(net.coordinator.url());

        var deposit = send("POST", ApiPaths.WALLET_FAUCET, "{\"amount\": 12.5, \"reference\": \"first\"}");
        var wallet = send("GET", ApiPaths.WALLET, null);
        var history = send("GET", ApiPaths.WALLET_HISTORY + "?limit=5", null);
        var bad = send("POST", ApiPaths.WALLET_FAUCET, "{\"amount\": -1}");

        assertThat(deposit.statusCode()).isEqualTo(201);
        assertThat(json(wallet).get("balance").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(json(history).get("postings").get(0).get("kind").asText()).isEqualTo("DEPOSIT");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("errors").get(0).get("field").asText()).isEqualTo("amount");
    }

    @Test
    void faucet_withoutDevMode_is403() throws Exception {
        var r = send("POST", ApiPaths.WALLET_FAUCET, "{\"amount\": 5}");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).get("detail").asText()).contains("--dev-faucet");
    }

    @Test
    void submit_validJob_is201() throws Exception {
        net.fund(alice.account(), "3");
        var r = send("POST", ApiPaths.JOBS, "{\"spec\":{\"name\":\"ok\",\"command\":[\"true\"],\"tasks\":3}}");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(json(r).get("id").asText()).startsWith("job-");
        assertThat(json(r).get("taskCount").asInt()).isEqualTo(3);
    }

    @Test
    void submit_invalidSpec_is400ListingEveryField_andCreatesNothing() throws Exception {
        var r = send("POST", ApiPaths.JOBS, "{\"spec\":{\"name\":\"\",\"command\":[],\"tasks\":0,\"retries\":99,\"timeout\":\"soon\"}}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(c -> assertThat(c).startsWith("application/problem+json"));
        List<String> fields = new ArrayList<>();
        json(r).get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("spec.name", "spec.command", "spec.tasks", "spec.retries", "spec.timeout");
        assertThat(r.body()).contains("must be between 1 and 100000");
        assertThat(jobCount()).isZero();
    }

    @Test
    void submit_unknownField_is400NamingIt() throws Exception {
        var r = send("POST", ApiPaths.JOBS, "{\"spec\":{\"name\":\"x\",\"command\":[\"true\"],\"taskz\":3}}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("errors").get(0).get("field").asText()).isEqualTo("spec.taskz");
        assertThat(json(r).get("errors").get(0).get("message").asText()).contains("unknown field");
        assertThat(jobCount()).isZero();
    }

    @Test
    void submit_wrongType_is400NamingTheField() throws Exception {
        var r = send("POST", ApiPaths.JOBS, "{\"spec\":{\"name\":\"x\",\"command\":[\"true\"],\"tasks\":\"many\"}}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("errors").get(0).get("field").asText()).isEqualTo("spec.tasks");
        assertThat(jobCount()).isZero();
    }

    @Test
    void submit_malformedJson_is400() throws Exception {
        var r = send("POST", ApiPaths.JOBS, "{\"spec\": ");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("title").asText()).isEqualTo("Bad Request");
    }

    @Test
    void submit_fileWithoutUploadedBlob_is400() throws Exception {
        var r = send("POST", ApiPaths.JOBS, "{\"spec\":{\"name\":\"x\",\"command\":[\"true\"],\"files\":[\"a.txt\"]},"
                + "\"files\":[{\"name\":\"a.txt\",\"sha256\":\"" + "ab".repeat(32) + "\",\"size\":3}]}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("files[0].sha256");
        assertThat(jobCount()).isZero();
    }

    @Test
    void bodyOverTheLimit_is413() throws Exception {
        String big = "{\"spec\":{\"name\":\"" + "x".repeat((int) net.config.maxBodyBytes()) + "\"}}";
        var p = signed.prepare(alice, "POST", ApiPaths.JOBS, big.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.time.Instant.now(),
                org.gridmint.api.auth.RequestSigner.newNonce(), null);
        // As a large upload should: headers first, the body only after 100 Continue. The server refuses on the declared length,
        // so the client never races its own body against the 413 (which, body first, could end as a reset connection).
        var r = signed.send(new SignedHttp.Prepared(java.net.http.HttpRequest.newBuilder(p.request(), (name, value) -> true).expectContinue(true).build()));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(jobCount()).isZero();
    }

    @Test
    void unknownIds_are404() throws Exception {
        assertThat(send("GET", "/api/v1/jobs/job-doesnotexist", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/jobs/not-an-id", null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/v1/attempts/att-nope/heartbeat", "{\"providerId\":\"prov-x\"}").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/v1/providers/prov-nope/claim", "{\"maxTasks\":1,\"waitMillis\":0}").statusCode()).isEqualTo(404);
        var r = send("GET", "/api/v1/nothing-here", null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).get("detail").asText()).contains("no route");
    }

    @Test
    void blob_withWrongDigest_is400_andTooLarge_is413() throws Exception {
        var wrong = sendBytes(base, "PUT", "/api/v1/blobs/" + "0".repeat(64), "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("sha256");
        net.close();
        net = new TestNetwork(dir.resolve("small"));
        var small = new org.gridmint.coordinator.Coordinator(net.config.withMaxBlobBytes(1024), net.clock).start();
        try {
            byte[] big = new byte[4096];
            String sha = org.gridmint.coordinator.blobs.BlobStore.sha256(big);
            var r = sendBytes(small.url(), "PUT", "/api/v1/blobs/" + sha, big);
            assertThat(r.statusCode()).isEqualTo(413);
        } finally {
            small.close();
        }
    }

    @Test
    void blob_roundTrip() throws Exception {
        byte[] content = "some bytes".getBytes(StandardCharsets.UTF_8);
        String sha = org.gridmint.coordinator.blobs.BlobStore.sha256(content);
        var put = sendBytes(base, "PUT", "/api/v1/blobs/" + sha, content);
        assertThat(put.statusCode()).isEqualTo(201);
        var get = send("GET", "/api/v1/blobs/" + sha, null);
        assertThat(get.body()).isEqualTo("some bytes");
    }

    @Test
    void registerProvider_badFields_is400NamingThem() throws Exception {
        var r = send("POST", ApiPaths.PROVIDERS, "{\"cpus\":0,\"memoryMb\":1024,\"region\":\"Bad Region\",\"price\":-1,\"slots\":0,\"sandboxed\":true}");
        assertThat(r.statusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        json(r).get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("cpus", "region", "price", "slots");
        assertThat(send("GET", ApiPaths.PROVIDERS, null).body()).isEqualTo("{\"providers\":[]}");
    }

    @Test
    void openApi_describesExactlyTheServedRoutes() throws Exception {
        var r = send("GET", ApiPaths.OPENAPI, null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode paths = json(r).get("paths");
        List<String> documented = new ArrayList<>();
        paths.fieldNames().forEachRemaining(p -> paths.get(p).fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p)));
        List<String> served = new ArrayList<>();
        var api = new HttpApi(net.config, null, null, null, null, null, null, "sqlite", null, null, null, null, net.coordinator.economics());
        for (Route route : api.routes()) served.add(route.method() + " " + route.path());
        assertThat(documented).containsExactlyInAnyOrderElementsOf(served);
        // Every documented route is really served: none answers "no route".
        for (String d : documented) {
            String[] mp = d.split(" ");
            String path = mp[1].replaceAll("\\{[^}]+}", "x");
            var answer = send(mp[0], path, mp[0].equals("GET") ? null : "{}");
            assertThat(answer.body()).as(d).doesNotContain("no route");
        }
        assertThat(json(r).at("/components/schemas/SubmitJobRequest/properties/spec")).isNotNull();
    }

    @Test
    void openApi_declaresTheSignature_andWhichRoutesNeedIt() throws Exception {
        JsonNode doc = json(signed.unsigned("GET", ApiPaths.OPENAPI, null));

        assertThat(doc.at("/components/securitySchemes/gridmintSignature/name").asText()).isEqualTo("Gridmint-Signature");
        assertThat(doc.at("/components/securitySchemes/gridmintSignature/description").asText())
                .contains("Gridmint-Key", "Gridmint-Timestamp", "Gridmint-Nonce", "SHA-256");
        JsonNode submit = doc.at("/paths/~1api~1v1~1jobs/post");
        assertThat(submit.at("/security/0/gridmintSignature").isArray()).isTrue();
        assertThat(submit.at("/responses/401/description").asText()).contains("urn:gridmint:problem:replayed");
        JsonNode providers = doc.at("/paths/~1api~1v1~1providers/get");
        assertThat(providers.get("security")).isEmpty();
        assertThat(providers.at("/responses/401").isMissingNode()).isTrue();
        JsonNode quarantine = doc.at("/paths/~1api~1v1~1providers~1{providerId}~1quarantine/post");
        assertThat(quarantine.at("/responses/403/description").asText()).contains("operator");
    }

    @Test
    void resultsArchive_ofRunningJob_is409WithState() throws Exception {
        String job = net.submit(aliceAccount, TestNetwork.spec(1)).id();
        var r = send("GET", "/api/v1/jobs/" + job + "/results.zip", null);
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(json(r).get("state").asText()).isEqualTo("PENDING");
    }

    @Test
    void metrics_countWorkInPrometheusFormat() throws Exception {
        net.submit(aliceAccount, TestNetwork.spec(2));
        String p = net.provider("p", "0.1", 2);
        for (var a : net.claim(p, 2)) net.complete(p, a);
        var r = send("GET", "/metrics", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("gridmint_jobs_submitted_total 1.0").contains("gridmint_tasks_assigned_total 2.0")
                .contains("gridmint_attempts_succeeded_total 2.0");
    }

    @Test
    void listJobs_returnsCallersJobsNewestFirst() throws Exception {
        net.submit(aliceAccount, TestNetwork.spec(1));
        net.submit(Identity.generate().account().value(), TestNetwork.spec(1));
        var r = send("GET", ApiPaths.JOBS, null);
        assertThat(Json.read(r.body().getBytes(StandardCharsets.UTF_8), JobList.class).jobs()).singleElement()
                .satisfies(j -> assertThat(j.owner()).isEqualTo(aliceAccount));
        assertThat(send("GET", ApiPaths.JOBS + "?limit=0", null).statusCode()).isEqualTo(400);
        assertThat(Files.exists(dir)).isTrue();
    }

    @Test
    void claim_longPoll_returnsWhenWorkArrives() throws Exception {
        String p = net.provider(alice.account(), "p", "0.1", 1);
        var claim = signed.prepare(alice, "POST", "/api/v1/providers/" + p + "/claim",
                "{\"maxTasks\":1,\"waitMillis\":60000}".getBytes(StandardCharsets.UTF_8), java.time.Instant.now(),
                org.gridmint.api.auth.RequestSigner.newNonce(), null);
        var waiting = http.sendAsync(claim.request(), HttpResponse.BodyHandlers.ofString());
        net.submit(aliceAccount, TestNetwork.spec(1));
        var r = waiting.get();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("assignments")).hasSize(1);
    }
}
