package org.gridmint.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The compiled contracts committed beside this class (written by scripts/compile-contracts.sh). */
final class Artifacts {
    private Artifacts() {}

    /** The JSON artifact of {@code contract}: contractName, abi, bytecode, solc, evmVersion, sources. */
    static JsonNode artifact(String contract) {
        try (InputStream in = Artifacts.class.getResourceAsStream(contract + ".json")) {
            if (in == null) throw new IllegalStateException("no compiled artifact " + contract + ".json on the class path: run scripts/compile-contracts.sh");
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the artifact of " + contract, e);
        }
    }

    /** The creation bytecode of {@code contract}, 0x-prefixed. */
    static String bytecode(String contract) {
        return artifact(contract).get("bytecode").asText();
    }
}
