package org.gridmint.cli.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gridmint.api.ApiKeyView;
import org.gridmint.api.openai.EmbeddingsResponse;
import org.gridmint.cli.Cli;
import org.gridmint.cli.format.Problems;
import org.gridmint.client.GatewayException;
import org.junit.jupiter.api.Test;

/**
 * {@code gridmint apikey} and {@code gridmint infer embed} refuse bad input before sending anything: the coordinator URL
 * points at a closed port, so a command that tried to connect would fail with "cannot reach" instead.
 */
class GatewayCommandsValidationTest {
    private static final String NOWHERE = "http://127.0.0.1:1";

    @Test
    void inferEmbed_withoutAKey_saysHowToMakeOne() {
        Cli.Result r = Cli.run(Map.of(), "infer", "embed", "hello", "--coordinator", NOWHERE);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no API key").contains("--key").contains("GRIDMINT_API_KEY").contains("gridmint apikey create");
    }

    @Test
    void inferEmbed_takesTheKeyFromTheEnvironment_andThenReachesForTheCoordinator() {
        Cli.Result r = Cli.run(Map.of("GRIDMINT_API_KEY", "gm-test"), "infer", "embed", "hello", "--coordinator", NOWHERE);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot reach the coordinator").doesNotContain("no API key");
    }

    @Test
    void inferEmbed_badEncoding_isAUsageErrorNamingTheFlag() {
        Cli.Result r = Cli.run(Map.of(), "infer", "embed", "--key", "gm-x", "--encoding", "int8", "hello", "--coordinator", NOWHERE);

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--encoding must be float or base64, got 'int8'");
    }

    @Test
    void inferEmbed_blankText_isAUsageErrorNamingWhichOne() {
        Cli.Result r = Cli.run(Map.of(), "infer", "embed", "--key", "gm-x", "fine", "  ", "--coordinator", NOWHERE);

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("TEXT 2 is blank");
    }

    @Test
    void inferEmbed_withoutText_isAUsageError() {
        Cli.Result r = Cli.run(Map.of(), "infer", "embed", "--key", "gm-x", "--coordinator", NOWHERE);

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("TEXT");
    }

    @Test
    void inferEmbed_dashReadsStdin_andAStdinWithOnlyBlankLinesIsAUsageError() {
        var saved = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("\n   \n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            Cli.Result r = Cli.run(Map.of(), "infer", "embed", "--key", "gm-x", "-", "--coordinator", NOWHERE);

            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("nothing to embed");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void inferEmbedHelp_documentsEveryFlag() {
        Cli.Result r = Cli.run(Map.of(), "infer", "embed", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--model", "--key", "--json", "--encoding", "--coordinator", "GRIDMINT_API_KEY", "all-minilm-l6-v2-q", "stdin");
    }

    @Test
    void apikeyCreate_nameTooLong_isAUsageErrorNamingTheFlag() {
        Cli.Result r = Cli.run(Map.of(), "apikey", "create", "--name", "x".repeat(65), "--coordinator", NOWHERE);

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--name must be 1-64 characters");
    }

    @Test
    void apikeyRevoke_givenTheSecretInsteadOfTheId_isRefusedWithoutSendingIt() {
        Cli.Result r = Cli.run(Map.of(), "apikey", "revoke", "gm-secret", "--coordinator", NOWHERE);

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not its secret");
    }

    @Test
    void apikeyHelp_listsItsSubcommands() {
        Cli.Result r = Cli.run(Map.of(), "apikey", "--help");

        assertThat(r.out()).contains("create", "list", "revoke");
    }

    @Test
    void gatewayErrors_showOpenAisMessage_andWhatToDo() {
        assertThat(Problems.describe(new GatewayException(401, "authentication_error", "invalid_api_key", null, "Incorrect API key provided")))
                .startsWith("error: 401 authentication_error (invalid_api_key): Incorrect API key provided").contains("gridmint apikey create");
        assertThat(Problems.describe(new GatewayException(429, "rate_limit_error", null, null, "All providers are busy")))
                .startsWith("error: 429 rate_limit_error: All providers are busy").contains("try again");
        assertThat(Problems.describe(new GatewayException(404, "invalid_request_error", "model_not_found", "model", "The model `x` does not exist")))
                .contains("The model `x` does not exist").contains("/v1/models");
    }

    @Test
    void summary_showsIndexDimsFirstValuesAndUsage() {
        float[] v = {0.1f, -0.2f, 0.3f, 0.4f, 0.5f};
        var r = new EmbeddingsResponse("list", List.of(new EmbeddingsResponse.EmbeddingData("embedding", List.of(0.1, -0.2, 0.3, 0.4, 0.5), 0),
                new EmbeddingsResponse.EmbeddingData("embedding", v, 1)), "all-minilm-l6-v2-q", new EmbeddingsResponse.Usage(7, 7));

        assertThat(InferCommand.summary(r)).isEqualTo("""
                [0] 5 dims: 0.1000 -0.2000 0.3000 0.4000 …
                [1] 5 dims: 0.1000 -0.2000 0.3000 0.4000 …
                model all-minilm-l6-v2-q, usage: 7 prompt tokens, 7 total tokens
                """);
    }

    @Test
    void listTable_showsStateButNeverASecret() {
        String t = ApiKeyCommand.ListKeys.table(List.of(new ApiKeyView("key-1", "ci", "gm-abc", Instant.parse("2026-01-01T00:00:00Z"), null, null),
                new ApiKeyView("key-2", "old", "gm-def", Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-06-01T00:00:00Z"), "gm-leak")));

        assertThat(t).contains("key-1", "active", "key-2", "revoked 2025-06-01").doesNotContain("gm-leak");
    }
}
