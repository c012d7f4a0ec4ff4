package org.gridmint.sim.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The table of dated cloud reference prices shipped in this module ({@code cloud-prices.yaml}). */
public final class CloudPrices {
    static final String RESOURCE = "/cloud-prices.yaml";

    private CloudPrices() {}

    /** Every row of the shipped table, in its order. */
    public static List<CloudPrice> all() {
        try (InputStream in = CloudPrices.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            JsonNode root = new YAMLMapper().readTree(in);
            List<CloudPrice> out = new ArrayList<>();
            for (JsonNode r : root.get("prices")) {
                out.add(new CloudPrice(r.get("id").asText(), r.get("provider").asText(), r.get("instance").asText(), r.get("gpu").asText(),
                        r.get("gpus").asInt(), r.get("pricing").asText(), r.get("region").asText(), number(r.get("usdPerInstanceHour")),
                        number(r.get("usdPerGpuHour")), r.get("date").asText(), r.get("source").asText(), r.path("note").asText("")));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Double number(JsonNode n) {
        return n == null || n.isNull() ? null : n.asDouble();
    }
}
