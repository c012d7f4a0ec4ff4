package org.gridmint.coordinator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.ModelOffer;
import org.gridmint.api.auth.RequestSigner;
import org.gridmint.api.channel.ChannelMessage;
import org.gridmint.api.json.Json;
import org.gridmint.coordinator.blobs.BlobStore;
import org.gridmint.core.ids.ProviderId;
import org.junit.jupiter.api.Test;

/**
 * A provider whose machine vanished sends nothing, not even its pings: its channel is closed after the idle timeout and it
 * stops being offered work. Spoken over a raw socket, so that nothing on the far end answers or pings by itself.
 */
class DeadPeerTest extends GatewayTestBase {

    @Test
    void silentPeer_isClosedAfterTheIdleTimeout_andLeavesTheHub() throws Exception {
        String id = registered(owner, "silent", "1");
        String path = ApiPaths.expand(ApiPaths.PROVIDER_CHANNEL, id);
        URI uri = URI.create(base);
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = s.getOutputStream();
            StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                    + Base64.getEncoder().encodeToString(new byte[16]) + "\r\n");
            new RequestSigner(owner).sign("GET", path, BlobStore.sha256(new byte[0]), Instant.now()).asMap()
                    .forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            out.write(req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(statusLine(s.getInputStream())).contains(" 101 ");
            out.write(maskedText(Json.writeString(new ChannelMessage.Ready(List.of(new ModelOffer(TestProvider.MODEL, "cpu", 384, BigDecimal.ONE)), 2))));
            out.flush();
            ProviderId pid = ProviderId.of(id);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (net.coordinator.gateway().hub().capacity(pid) != 2 && System.nanoTime() < deadline) Thread.sleep(5);
            assertThat(net.coordinator.gateway().hub().capacity(pid)).isEqualTo(2);
            long silentSince = System.nanoTime();

            // From here on the peer reads nothing and answers nothing.
            while (net.coordinator.gateway().hub().capacity(pid) != 0 && System.nanoTime() < deadline + 5_000_000_000L) Thread.sleep(20);

            assertThat(net.coordinator.gateway().hub().capacity(pid)).isZero();
            assertThat((System.nanoTime() - silentSince) / 1_000_000).isGreaterThanOrEqualTo(net.config.gateway().idleTimeout().toMillis() - 100);
            assertThat(embeddings(request("x")).statusCode()).as("served by nobody now").isEqualTo(503);
        }
    }

    private static String statusLine(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            if (head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) break;
        }
        return head.toString(StandardCharsets.US_ASCII).lines().findFirst().orElse("");
    }

    /** One client text frame (clients must mask). */
    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x81);
        if (payload.length < 126) f.write(0x80 | payload.length);
        else {
            f.write(0x80 | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length & 0xff);
        }
        f.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) f.write(payload[i] ^ mask[i % 4]);
        return f.toByteArray();
    }
}
