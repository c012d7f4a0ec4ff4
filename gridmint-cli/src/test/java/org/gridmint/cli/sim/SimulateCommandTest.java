package org.gridmint.cli.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gridmint.api.json.Json;
import org.gridmint.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    static final String SMALL = """
            name: small churn
            seed: 5
            providers:
              count: 20
              price: {uniform: [0.1, 0.2]}
              mtbf: 1h
              repair: 10m
            jobs:
              count: 3
              tasks: 20
              duration: {lognormal: {median: 20m, sigma: 0.4}}
              checkpoint: 5m
              maxPrice: 0.3
              retries: 20
            compareWith: [aws-t4-spot]
            """;

    @TempDir Path dir;

    private Path write(String yaml) throws Exception {
        Path p = dir.resolve("scenario.yaml");
        Files.writeString(p, yaml);
        return p;
    }

    @Test
    void simulate_printsBothPolicies_theCloudReference_andTheAssumptions() throws Exception {
        Cli.Result r = Cli.run(Map.of(), "simulate", write(SMALL).toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.firstLine()).isEqualTo("scenario: small churn (seed 5): 20 providers, 60 tasks in 3 jobs");
        assertThat(r.out()).contains("gridmint", "naive", "tasks completed", "100.00% (60/60)", "makespan ratio", "goodput",
                "price per useful hour", "aws-t4-spot", "2021-12-27", "naive bills every attempt's time");
        assertThat(r.err()).as("plain progress lines when not a terminal").contains("simulating gridmint: 60 tasks", "naive (failure-free): done in");
    }

    @Test
    void json_carriesTheFigures_andTheSeedFlagOverridesTheScenario() throws Exception {
        Cli.Result r = Cli.run(Map.of(), "simulate", write(SMALL).toString(), "--json", "--seed", "9", "--no-baseline", "--quiet");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode root = Json.mapper().readTree(r.out());
        assertThat(root.get("seed").asLong()).isEqualTo(9);
        assertThat(root.has("naive")).isFalse();
        assertThat(root.at("/gridmint/completion").asDouble()).isEqualTo(1.0);
        assertThat(root.at("/gridmint/run/tasks").asInt()).isEqualTo(60);
        assertThat(root.at("/gridmint/goodput").asDouble()).isBetween(0.0, 1.0);
        assertThat(root.at("/cloud/0/id").asText()).isEqualTo("aws-t4-spot");
    }

    @Test
    void sameScenario_printsTheSameJsonFigures() throws Exception {
        Path p = write(SMALL);
        JsonNode a = Json.mapper().readTree(Cli.run(Map.of(), "simulate", p.toString(), "--json", "--quiet").out());
        JsonNode b = Json.mapper().readTree(Cli.run(Map.of(), "simulate", p.toString(), "--json", "--quiet").out());

        assertThat(b.get("gridmint")).isEqualTo(a.get("gridmint"));
        assertThat(b.get("naive")).isEqualTo(a.get("naive"));
    }

    @Test
    void badScenario_exitsWith2_namingTheField() throws Exception {
        Cli.Result r = Cli.run(Map.of(), "simulate", write(SMALL.replace("mtbf: 1h", "mtbf: abc")).toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("providers.mtbf: must be a duration like 1h, was \"abc\"");
    }

    @Test
    void badSpeculationFlag_exitsWith2() throws Exception {
        Cli.Result r = Cli.run(Map.of(), "simulate", write(SMALL).toString(), "--speculation", "often");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--speculation: must be off or a slowdown from 1 to 100, was \"often\"");
    }

    @Test
    void cheatersAndVerification_addTheVerificationTable_andTheirFiguresToTheJson() throws Exception {
        Path p = write(SMALL.replace("  repair: 10m\n", "  repair: 10m\n  cheaters: {fraction: 0.2, behaviour: always}\n  trusted: 0.2\n")
                .replace("  retries: 20\n", "  retries: 20\n  verify: adaptive\n"));

        Cli.Result text = Cli.run(Map.of(), "simulate", p.toString(), "--quiet");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("verify policy", "adaptive", "compute overhead", "unverified)", "wrong results accepted",
                "per 1,000 accepted", "wrong results caught", "cheaters caught", "4/4", "tasks reopened by full checks",
                "replicas paid by the network", "overhead = provider time spent / provider time of the same workload");

        JsonNode root = Json.mapper().readTree(Cli.run(Map.of(), "simulate", p.toString(), "--json", "--quiet").out());
        assertThat(root.at("/gridmint/overhead").asDouble()).isGreaterThan(1.0);
        assertThat(root.at("/gridmint/wrongAcceptedPerThousand").asDouble()).isZero();
        assertThat(root.at("/gridmint/run/verification/cheatersCaught").asInt()).isEqualTo(4);
        assertThat(root.at("/gridmint/unverified/verification/policy").asText()).isEqualTo("none");
        assertThat(root.at("/naive/run/verification/wrongAccepted").asLong()).isPositive();
    }

    @Test
    void missingFile_exitsWith2() {
        Cli.Result r = Cli.run(Map.of(), "simulate", dir.resolve("nope.yaml").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no scenario file at");
    }
}
