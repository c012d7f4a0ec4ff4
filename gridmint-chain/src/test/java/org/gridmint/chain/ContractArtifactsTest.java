package org.gridmint.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The committed artifacts were compiled from the committed sources: fails when a .sol changed and the script was not rerun. */
class ContractArtifactsTest {
    private static final Path CONTRACTS = Path.of("contracts"); // surefire runs in the module's folder

    @ParameterizedTest
    @ValueSource(strings = {"StableCredit", "GridToken", "Settlement"})
    void artifactsRecordTheCurrentSources(String contract) throws Exception {
        JsonNode artifact = Artifacts.artifact(contract);
        Map<String, String> recorded = new TreeMap<>();
        artifact.get("sources").fields().forEachRemaining(e -> recorded.put(e.getKey(), e.getValue().asText()));
        assertThat(recorded)
                .as("%s.json was compiled from other sources than gridmint-chain/contracts holds: run scripts/compile-contracts.sh", contract)
                .isEqualTo(currentSources());
        assertThat(artifact.get("contractName").asText()).isEqualTo(contract);
        assertThat(artifact.get("evmVersion").asText()).isEqualTo("paris");
        assertThat(artifact.get("solc").asText()).startsWith("0.8.37");
        assertThat(artifact.get("bytecode").asText()).matches("0x[0-9a-f]{1000,}");
        assertThat(artifact.get("abi").isArray()).isTrue();
    }

    private static Map<String, String> currentSources() throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.list(CONTRACTS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sol")).toList()) {
                hashes.put(f.getFileName().toString(), HexFormat.of().formatHex(sha256(Files.readAllBytes(f))));
            }
        }
        return hashes;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
