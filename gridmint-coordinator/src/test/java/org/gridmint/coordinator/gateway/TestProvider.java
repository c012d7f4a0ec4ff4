package org.gridmint.coordinator.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.ModelOffer;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.auth.RequestSigner;
import org.gridmint.api.channel.ChannelMessage;
import org.gridmint.api.json.Json;
import org.gridmint.coordinator.blobs.BlobStore;
import org.gridmint.embed.DevicePreference;
import org.gridmint.embed.Embedder;

/**
 * A provider at the far end of a real channel: it opens the WebSocket with java.net.http and signed headers, says Ready,
 * and answers each EmbedCall with real vectors from {@link Embedder} — or, as a test sets {@link #mode}, misbehaves the way
 * a real provider can: drops its channel mid-call, never answers, fails, or answers the wrong shape.
 */
final class TestProvider implements AutoCloseable {
    static final String MODEL = "all-minilm-l6-v2-q";
    private static Embedder shared;

    /** How the provider answers calls. */
    enum Mode { ANSWER, DROP, SILENT, FAIL_RETRYABLE, FAIL_FINAL, WRONG_SHAPE, NOT_UNIT }

    final String id;
    volatile Mode mode = Mode.ANSWER;
    /** How long it takes to answer each call. */
    volatile long delayMillis;
    /** While a call runs, says it is alive this often, as the agent does (0: never). */
    volatile long aliveEveryMillis;
    final AtomicInteger calls = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();
    private WebSocket ws;
    final CompletableFuture<Integer> closedWith = new CompletableFuture<>();

    /** The one model of the JVM, loaded once: every test provider shares it. */
    static synchronized Embedder embedder() {
        if (shared == null) shared = Embedder.load(MODEL, DevicePreference.CPU);
        return shared;
    }

    TestProvider(String id) {
        this.id = id;
    }

    /** Opens the channel as {@code owner}; fails with the handshake's error when the coordinator refuses it. */
    TestProvider open(String baseUrl, Identity owner) {
        String path = ApiPaths.expand(ApiPaths.PROVIDER_CHANNEL, id);
        var builder = http.newWebSocketBuilder();
        if (owner != null)
            new RequestSigner(owner).sign("GET", path, BlobStore.sha256(new byte[0]), Instant.now()).asMap().forEach(builder::header);
        ws = builder.buildAsync(URI.create(baseUrl.replaceFirst("^http", "ws") + path), new Listener()).join();
        // As the agent does: pings keep a live channel from looking dead to the coordinator's idle timeout.
        Thread.startVirtualThread(() -> {
            while (!closedWith.isDone()) {
                try {
                    Thread.sleep(250);
                    synchronized (this) {
                        ws.sendPing(java.nio.ByteBuffer.allocate(0)).join();
                    }
                } catch (InterruptedException | RuntimeException e) {
                    return;
                }
            }
        });
        return this;
    }

    TestProvider ready(int capacity, String tokenPrice) {
        send(new ChannelMessage.Ready(List.of(new ModelOffer(MODEL, "cpu", 384, new java.math.BigDecimal(tokenPrice))), capacity));
        return this;
    }

    synchronized void send(ChannelMessage m) {
        ws.sendText(Json.writeString(m), true).join();
    }

    /** Drops the channel without a close handshake, as a crashed machine does. */
    void drop() {
        closedWith.complete(-1);
        ws.abort();
    }

    private void handle(ChannelMessage.EmbedCall call) {
        calls.incrementAndGet();
        try {
            long until = System.nanoTime() + delayMillis * 1_000_000;
            for (long left = delayMillis; left > 0; left = (until - System.nanoTime()) / 1_000_000) {
                long every = aliveEveryMillis;
                Thread.sleep(every > 0 ? Math.min(every, left) : left);
                if (every > 0) send(new ChannelMessage.Alive());
            }
            switch (mode) {
                case DROP -> drop();
                case SILENT -> { }
                case FAIL_RETRYABLE -> send(new ChannelMessage.CallFailed(call.id(), "out of memory", true));
                case FAIL_FINAL -> send(new ChannelMessage.CallFailed(call.id(), "input cannot be tokenized", false));
                case WRONG_SHAPE -> send(new ChannelMessage.Embedded(call.id(), call.input().size(), 3, encode(new float[call.input().size()][3])));
                case NOT_UNIT -> { // the right shape, but one row scaled: not the model's (unit) vector
                    float[][] rows = embedder().embed(call.input());
                    for (int j = 0; j < rows[0].length; j++) rows[rows.length - 1][j] *= 1.01f;
                    send(new ChannelMessage.Embedded(call.id(), rows.length, rows[0].length, encode(rows)));
                }
                case ANSWER -> {
                    float[][] rows = embedder().embed(call.input());
                    send(new ChannelMessage.Embedded(call.id(), rows.length, rows[0].length, encode(rows)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The channel was dropped under it: a real provider's send fails the same way.
        }
    }

    static String encode(float[][] rows) {
        int dims = rows.length == 0 ? 0 : rows[0].length;
        ByteBuffer b = ByteBuffer.allocate(rows.length * dims * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] r : rows) for (float v : r) b.putFloat(v);
        return Base64.getEncoder().encodeToString(b.array());
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String frame = text.toString();
                text.setLength(0);
                ChannelMessage m = Json.read(frame.getBytes(java.nio.charset.StandardCharsets.UTF_8), ChannelMessage.class);
                if (m instanceof ChannelMessage.EmbedCall call) Thread.startVirtualThread(() -> handle(call));
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            closedWith.complete(status);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closedWith.complete(-1);
        }
    }

    @Override
    public void close() {
        closedWith.complete(0);
        if (ws != null) ws.abort();
        http.close();
    }
}
