package org.gridmint.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.json.Json;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/network/report over real HTTP: any signed caller, ?epochs=N checked and named when bad. */
class HttpNetworkReportTest extends InProcessNetworkTest {
    SignedHttp signed;
    final Identity anyone = Identity.generate();

    @BeforeEach
    void start() {
        net.coordinator.start();
        signed = new SignedHttp(net.coordinator.url());
    }

    @AfterEach
    void stop() {
        signed.close();
    }

    @Test
    void anySignedCaller_getsTheReport_withTheOpenEpochFirst() throws Exception {
        HttpResponse<String> r = signed.send(anyone, "GET", ApiPaths.NETWORK_REPORT, null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = Json.mapper().readTree(r.body());
        assertThat(body.get("settlement").asText()).isEqualTo("embedded");
        assertThat(body.get("token").asText()).isEqualTo("GRID");
        assertThat(body.get("epochLength").asText()).isEqualTo("PT1H");
        assertThat(body.get("epochs")).hasSize(1);
        assertThat(body.get("epochs").get(0).get("state").asText()).isEqualTo("OPEN");
        assertThat(body.get("epochs").get(0).path("subsidyRatio").isMissingNode()).as("null: no revenue, no ratio").isTrue();
        assertThat(body.get("totals").get("revenue").decimalValue()).isZero();
    }

    @Test
    void anUnsignedRequest_isRefused() throws Exception {
        assertThat(signed.unsigned("GET", ApiPaths.NETWORK_REPORT, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aBadEpochCount_is400NamingEpochs() throws Exception {
        for (String bad : new String[] {"0", "1001", "-3", "many", "2.5"}) {
            HttpResponse<String> r = signed.send(anyone, "GET", ApiPaths.NETWORK_REPORT + "?epochs=" + bad, null);

            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            JsonNode error = Json.mapper().readTree(r.body()).get("errors").get(0);
            assertThat(error.get("field").asText()).as(bad).isEqualTo("epochs");
            assertThat(error.get("message").asText()).as(bad).contains("between 1 and 1000");
        }
    }

    @Test
    void theRoute_isInTheOpenApiDocument() throws Exception {
        HttpResponse<String> r = signed.unsigned("GET", ApiPaths.OPENAPI, null);

        assertThat(r.body()).contains("/api/v1/network/report");
    }
}
