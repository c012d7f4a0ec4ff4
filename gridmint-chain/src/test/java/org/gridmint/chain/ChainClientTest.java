package org.gridmint.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ChainClientTest {
    private static final String KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    @Test
    void anUnreachableNodeIsARetryableError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } // closed again: nothing listens there now
        String url = "http://127.0.0.1:" + port;
        assertThatThrownBy(() -> ChainClient.connect(url, KEY))
                .isInstanceOfSatisfying(ChainException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.revertReason()).isNull();
                    assertThat(e.getMessage()).contains("eth_chainId").contains(url);
                });
    }

    @Test
    void aMalformedUrlOrKeyIsRefusedByName() {
        assertThatThrownBy(() -> ChainClient.connect("127.0.0.1:8545", KEY)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rpc URL");
        assertThatThrownBy(() -> ChainClient.connect("http://127.0.0.1:8545", "0x12")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("private key");
    }

    @Test
    void revertDataDecodesToTheContractsReason() {
        // Error("only operator"), as a node returns it
        String data = "0x08c379a0" + "0000000000000000000000000000000000000000000000000000000000000020"
                + "000000000000000000000000000000000000000000000000000000000000000d"
                + "6f6e6c79206f70657261746f7200000000000000000000000000000000000000";
        assertThat(Reverts.decode(data)).isEqualTo("only operator");
        assertThat(Reverts.decode("0x4e487b71" + "0000000000000000000000000000000000000000000000000000000000000011")).isEqualTo("panic 0x11");
        assertThat(Reverts.decode("0x")).isNull();
        assertThat(Reverts.decode(null)).isNull();
    }
}
