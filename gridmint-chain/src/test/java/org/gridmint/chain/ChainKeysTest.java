package org.gridmint.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainKeysTest {
    @TempDir
    Path dir;

    @Test
    void theAddressOfAKnownKeyIsItsEthereumAddress() {
        // anvil's first dev key and its well-known address
        assertThat(ChainKeys.addressOf("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"))
                .isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    }

    @Test
    void aWrittenKeyReadsBackWithOwnerOnlyPermissions() throws Exception {
        String key = ChainKeys.newPrivateKeyHex();
        assertThat(key).matches("0x[0-9a-f]{64}");
        Path file = dir.resolve("keys/chain.key");
        ChainKeys.writeKeyFile(file, key);
        assertThat(ChainKeys.readKeyFile(file)).isEqualTo(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThatThrownBy(() -> ChainKeys.writeKeyFile(file, ChainKeys.newPrivateKeyHex())).hasMessageContaining("already exists");
        assertThat(ChainKeys.readKeyFile(file)).isEqualTo(key);
    }

    @Test
    void aKeyFileMayOmitThe0xAndCarryWhitespace() throws Exception {
        Path file = dir.resolve("k");
        Files.writeString(file, "  AC0974BEC39A17E36BA4A6B4D238FF944BACB478CBED5EFCAE784D7BF4F2FF80\n");
        assertThat(ChainKeys.readKeyFile(file)).isEqualTo("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    }

    @Test
    void malformedOrMissingKeyFilesGiveClearErrors() throws Exception {
        Path file = dir.resolve("bad");
        Files.writeString(file, "0x1234");
        assertThatThrownBy(() -> ChainKeys.readKeyFile(file)).hasMessageContaining(file.toString()).hasMessageContaining("64 hex digits");
        Files.writeString(file, "zz".repeat(32));
        assertThatThrownBy(() -> ChainKeys.readKeyFile(file)).hasMessageContaining("non-hex");
        Files.writeString(file, "0".repeat(64));
        assertThatThrownBy(() -> ChainKeys.readKeyFile(file)).hasMessageContaining("out of secp256k1's range");
        assertThatThrownBy(() -> ChainKeys.readKeyFile(dir.resolve("missing"))).hasMessageContaining("does not exist");
    }
}
