package org.gridmint.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.JobList;
import org.gridmint.api.json.Json;
import org.gridmint.coordinator.TestNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over real HTTP on a loopback ephemeral port: status codes and problem details for bad input. */
class HttpApiTest {
    @TempDir
    Path dir;
    TestNetwork net;
    String base;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        net = new TestNetwork(dir);
        net.coordinator.start();
        base = net.coordinator.url();
        assertThat(base).startsWith("http://127.0.0.1:");
    }

    @AfterEach
    void stop() {
        net.close();
        http.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json").header(ApiPaths.ACCOUNT_HEADER, "alice");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    private int jobCount() {
        return net.coordinator.jobs().list("alice", 100).jobs().size();
    }

    @Test
    void submit_validJob_is201() throws Exception {
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
        var r = send("POST", ApiPaths.JOBS, big);
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
        var wrong = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/blobs/" + "0".repeat(64)))
                .PUT(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("sha256");
        net.close();
        net = new TestNetwork(dir.resolve("small"));
        var small = new org.gridmint.coordinator.Coordinator(net.config.withMaxBlobBytes(1024), net.clock).start();
        try {
            byte[] big = new byte[4096];
            String sha = org.gridmint.coordinator.blobs.BlobStore.sha256(big);
            var r = http.send(HttpRequest.newBuilder(URI.create(small.url() + "/api/v1/blobs/" + sha))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(big)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(413);
        } finally {
            small.close();
        }
    }

    @Test
    void blob_roundTrip() throws Exception {
        byte[] content = "some bytes".getBytes(StandardCharsets.UTF_8);
        String sha = org.gridmint.coordinator.blobs.BlobStore.sha256(content);
        var put = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/blobs/" + sha)).PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(201);
        var get = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/blobs/" + sha)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.body()).isEqualTo(content);
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
        var api = new HttpApi(net.config, null, null, null, null, "sqlite", null);
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
    void resultsArchive_ofRunningJob_is409WithState() throws Exception {
        String job = net.submit("alice", TestNetwork.spec(1)).id();
        var r = send("GET", "/api/v1/jobs/" + job + "/results.zip", null);
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(json(r).get("state").asText()).isEqualTo("PENDING");
    }

    @Test
    void metrics_countWorkInPrometheusFormat() throws Exception {
        net.submit("alice", TestNetwork.spec(2));
        String p = net.provider("p", "0.1", 2);
        for (var a : net.claim(p, 2)) net.complete(p, a);
        var r = send("GET", "/metrics", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("gridmint_jobs_submitted_total 1.0").contains("gridmint_tasks_assigned_total 2.0")
                .contains("gridmint_attempts_succeeded_total 2.0");
    }

    @Test
    void listJobs_returnsCallersJobsNewestFirst() throws Exception {
        net.submit("alice", TestNetwork.spec(1));
        net.submit("bob", TestNetwork.spec(1));
        var r = send("GET", ApiPaths.JOBS, null);
        assertThat(Json.read(r.body().getBytes(StandardCharsets.UTF_8), JobList.class).jobs()).singleElement()
                .satisfies(j -> assertThat(j.owner()).isEqualTo("alice"));
        assertThat(send("GET", ApiPaths.JOBS + "?limit=0", null).statusCode()).isEqualTo(400);
        assertThat(Files.exists(dir)).isTrue();
    }

    @Test
    void claim_longPoll_returnsWhenWorkArrives() throws Exception {
        String p = net.provider("p", "0.1", 1);
        var waiting = http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/providers/" + p + "/claim"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"maxTasks\":1,\"waitMillis\":60000}")).build(), HttpResponse.BodyHandlers.ofString());
        net.submit("alice", TestNetwork.spec(1));
        var r = waiting.get();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("assignments")).hasSize(1);
    }
}
