package org.gridmint.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed artifacts are what solcjs makes of the committed sources: recompiles with scripts/compile-contracts.sh
 * (its exact settings) into a temporary folder and compares. {@link ContractArtifactsTest} only checks the recorded
 * source hashes, which a hand-edited bytecode with the right hashes would pass.
 */
@RequiresSolc
class ContractRecompileTest {
    private static final Path COMMITTED = Path.of("src/main/resources/org/gridmint/chain"); // surefire runs in the module's folder
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path out;

    @BeforeAll
    static void compile() throws Exception {
        Path root = RequiresSolc.Condition.repositoryRoot().orElseThrow();
        Path log = Files.createTempFile("compile-contracts-", ".log");
        Process p = new ProcessBuilder("bash", root.resolve("scripts/compile-contracts.sh").toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(180, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        String output = Files.readString(log);
        Files.deleteIfExists(log);
        assertThat(done).as("compile-contracts.sh did not finish in 180 s: %s", output).isTrue();
        assertThat(p.exitValue()).as("compile-contracts.sh failed: %s", output).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"StableCredit", "GridToken", "Settlement"})
    void committedBytecodeAndAbiAreWhatSolcCompilesFromTheSources(String contract) throws Exception {
        String committedText = Files.readString(COMMITTED.resolve(contract + ".json"), StandardCharsets.UTF_8);
        String compiledText = Files.readString(out.resolve(contract + ".json"), StandardCharsets.UTF_8);
        JsonNode committed = JSON.readTree(committedText);
        JsonNode compiled = JSON.readTree(compiledText);

        String fix = contract + ".json differs from what scripts/compile-contracts.sh compiles now: rerun it and commit the result";
        assertThat(committed.get("bytecode").asText()).as("bytecode: %s", fix).isEqualTo(compiled.get("bytecode").asText());
        assertThat(JSON.writeValueAsString(committed.get("abi"))).as("ABI: %s", fix).isEqualTo(JSON.writeValueAsString(compiled.get("abi")));
        // The script is deterministic, so the whole file matches too (solc version, settings, source hashes, layout).
        assertThat(committedText).as(fix).isEqualTo(compiledText);
    }
}
