package org.gridmint.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.Assignment;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.ModelOffer;
import org.gridmint.api.ProviderList;
import org.gridmint.api.RegisterProviderRequest;
import org.gridmint.api.SubmitJobRequest;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.http.ApiException;
import org.gridmint.api.http.ApiTransport;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.core.spec.JobSpecDraft;
import org.gridmint.embed.Vectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embeddings route and the providers' models over real HTTP, with the real signing client. */
class HttpEmbeddingsTest extends InProcessNetworkTest {
    static final String MODEL = "all-minilm-l6-v2-q";
    final Identity alice = Identity.generate();
    final Identity bob = Identity.generate();
    ApiTransport asAlice;
    ApiTransport asBob;

    @BeforeEach
    void start() {
        net.coordinator.start();
        asAlice = new ApiTransport(URI.create(net.coordinator.url()), alice);
        asBob = new ApiTransport(URI.create(net.coordinator.url()), bob);
    }

    @AfterEach
    void stop() {
        asAlice.close();
        asBob.close();
    }

    private String submit() {
        var draft = new JobSpecDraft("embed", "embed", null, null, null, null, null, null, null, null, 2, null, null, null, null,
                JobSpecDraft.VerifyDraft.ofPolicy("none"), null, MODEL, "corpus.txt", 2, null, null);
        net.fund(alice.account(), "100");
        return net.coordinator.jobs().submit(alice.account().value(), new SubmitJobRequest(draft, List.of(net.blob("corpus.txt", "one\ntwo\nthree\n"))))
                .id();
    }

    private static byte[] get(ApiTransport as, String job, String format) {
        var out = new ByteArrayOutputStream();
        as.download(ApiPaths.expand(ApiPaths.JOB_EMBEDDINGS, job) + "?format=" + format, out);
        return out.toByteArray();
    }

    private static void assertProblem(Runnable call, int status, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
            if (field != null) assertThat(e.problem().errors()).anySatisfy(fe -> assertThat(fe.field()).isEqualTo(field));
        });
    }

    @Test
    void embeddings_overHttp_are409UntilSucceeded_404ForAnotherAccount_400ForABadFormat_thenTheVectors() {
        String job = submit();
        assertProblem(() -> get(asAlice, job, "npy"), 409, null);

        String p = net.embedProvider("embedder", 2, MODEL);
        for (Assignment a : net.claim(p, 2)) {
            int first = a.taskIndex() * 2;
            float[][] rows = a.taskIndex() == 0 ? new float[][] {v(1, 0), v(0, 1)} : new float[][] {v(0.6f, 0.8f)};
            var out = net.blob("embeddings.npy", Vectors.toNpy(rows));
            net.coordinator.work().complete(TestNetwork.OWNER, a.attemptId(), new CompleteRequest(p, 0, List.of(out), null, null, first + 1));
        }

        assertProblem(() -> get(asBob, job, "npy"), 404, null);
        assertProblem(() -> get(asAlice, job, "parquet"), 400, "format");
        assertThat(Vectors.fromNpy(get(asAlice, job, "npy"))).isDeepEqualTo(new float[][] {v(1, 0), v(0, 1), v(0.6f, 0.8f)});
        String rest = ",0.0".repeat(382) + "]}";
        assertThat(new String(get(asAlice, job, "jsonl"), java.nio.charset.StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "{\"index\":0,\"id\":\"1\",\"embedding\":[1.0,0.0" + rest, "{\"index\":1,\"id\":\"2\",\"embedding\":[0.0,1.0" + rest,
                "{\"index\":2,\"id\":\"3\",\"embedding\":[0.6,0.8" + rest);
    }

    /** A vector of the model's 384 dimensions whose first two are {@code a} and {@code b}, the rest 0. */
    private static float[] v(float a, float b) {
        float[] v = new float[384];
        v[0] = a;
        v[1] = b;
        return v;
    }

    @Test
    @SuppressWarnings("unchecked")
    void openApi_describesTheEmbeddingsRouteAndItsFormat() {
        Map<String, Object> doc = asAlice.get(ApiPaths.OPENAPI, Map.class);
        var op = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) doc.get("paths")).get(ApiPaths.JOB_EMBEDDINGS)).get("get");

        assertThat((Map<String, Object>) op.get("responses")).containsKeys("200", "400", "404", "409");
        assertThat((List<Map<String, Object>>) op.get("parameters")).anySatisfy(param -> {
            assertThat(param).containsEntry("name", "format").containsEntry("in", "query");
            assertThat((Map<String, Object>) param.get("schema")).containsEntry("type", "string").containsEntry("enum", List.of("npy", "jsonl"));
        });
    }

    @Test
    void registration_keepsTheModelsAProviderServes_andRefusesUnknownOnes() {
        asBob.post(ApiPaths.PROVIDERS, new RegisterProviderRequest(null, "gpu-box", 4, 8192, List.of(), "local", new BigDecimal("0.1"), 1, true, "test",
                null, List.of(new ModelOffer(MODEL, "cuda", 384, new BigDecimal("0.02")))), org.gridmint.api.ProviderView.class);

        var listed = asAlice.get(ApiPaths.PROVIDERS, ProviderList.class).providers();
        assertThat(listed).singleElement().satisfies(v -> assertThat(v.models()).containsExactly(new ModelOffer(MODEL, "cuda", 384, new BigDecimal("0.02"))));

        assertProblem(() -> asBob.post(ApiPaths.PROVIDERS, new RegisterProviderRequest(null, "bad", 4, 8192, List.of(), "local", new BigDecimal("0.1"), 1,
                true, "test", null, List.of(new ModelOffer("gpt-9", "cpu", 384, null), new ModelOffer(MODEL, "tpu", 12, new BigDecimal("-1")))),
                org.gridmint.api.ProviderView.class), 400, "models[0].name");
        assertProblem(() -> asBob.post(ApiPaths.PROVIDERS, new RegisterProviderRequest(null, "bad", 4, 8192, List.of(), "local", new BigDecimal("0.1"), 1,
                true, "test", null, List.of(new ModelOffer(MODEL, "tpu", 12, new BigDecimal("-1")))), org.gridmint.api.ProviderView.class), 400, "models[0].device");
        assertThat(asAlice.get(ApiPaths.PROVIDERS, ProviderList.class).providers()).hasSize(1);
    }
}
