package org.gridmint.chain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.gridmint.chain.ChainClient;
import org.gridmint.chain.ChainKeys;
import org.junit.jupiter.api.Test;

class AnvilTest {
    @Test
    @RequiresAnvil
    void anvilServesChain31337OnLoopbackWithItsDevKeysAndStopsOnClose() throws Exception {
        String url;
        try (Anvil anvil = Anvil.start(); ChainClient client = ChainClient.connect(anvil.rpcUrl(), anvil.devPrivateKeys().getFirst())) {
            url = anvil.rpcUrl();
            assertThat(url).startsWith("http://127.0.0.1:");
            assertThat(client.chainId()).isEqualTo(31337);
            List<String> accounts = new ArrayList<>();
            anvil.rpc("eth_accounts").forEach(a -> accounts.add(a.asText()));
            assertThat(anvil.devPrivateKeys()).hasSize(10).map(ChainKeys::addressOf).containsExactlyElementsOf(accounts);

            long start = client.blockNumber();
            String snapshot = anvil.snapshot();
            anvil.mine(5);
            assertThat(client.blockNumber()).isGreaterThanOrEqualTo(start + 5);
            anvil.revert(snapshot);
            assertThat(client.blockNumber()).isLessThan(start + 5);
        }
        try (var socket = new java.net.Socket()) {
            int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500))
                    .isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void theReasonAnvilIsMissingSaysHowToInstallIt() {
        if (System.getenv("GRIDMINT_ANVIL") == null) {
            assertThat(Anvil.unavailableReason()).contains("cd chain && npm ci").contains("GRIDMINT_ANVIL");
        } else {
            assertThat(Anvil.unavailableReason()).contains("GRIDMINT_ANVIL");
        }
    }
}
