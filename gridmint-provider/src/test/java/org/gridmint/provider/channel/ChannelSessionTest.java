package org.gridmint.provider.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.gridmint.api.channel.ChannelMessage;
import org.gridmint.api.json.Json;
import org.gridmint.embed.DevicePreference;
import org.gridmint.embed.ModelCatalog;
import org.gridmint.embed.ModelRegistry;
import org.junit.jupiter.api.Test;

/** A session is busy from the moment it takes a call until it has answered it, and says it is alive in a text frame. */
class ChannelSessionTest {

    /** The JDK socket's sending side, recording the text frames. */
    private static final class Frames implements WebSocket {
        final List<String> texts = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
            texts.add(data.toString());
            return CompletableFuture.completedFuture(this);
        }

        synchronized List<String> texts() {
            return List.copyOf(texts);
        }

        @Override public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) { return CompletableFuture.completedFuture(this); }
        @Override public CompletableFuture<WebSocket> sendPing(ByteBuffer message) { return CompletableFuture.completedFuture(this); }
        @Override public CompletableFuture<WebSocket> sendPong(ByteBuffer message) { return CompletableFuture.completedFuture(this); }
        @Override public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) { return CompletableFuture.completedFuture(this); }
        @Override public void request(long n) { }
        @Override public String getSubprotocol() { return ""; }
        @Override public boolean isOutputClosed() { return false; }
        @Override public boolean isInputClosed() { return false; }
        @Override public void abort() { }
    }

    @Test
    void takenCall_keepsTheSessionBusyUntilAnswered_andAliveIsATextFrame() {
        // Not loaded: the call below asks for a model this provider does not serve, which is answered without embedding.
        var registry = new ModelRegistry(List.of(ModelCatalog.DEFAULT), DevicePreference.CPU);
        List<Runnable> queued = new ArrayList<>();
        var s = new ChannelSession(new EmbedCalls(registry), queued::add, new ChannelMessage.Ready(List.of(), 1));
        Frames ws = new Frames();
        s.onOpen(ws);
        assertThat(s.busy()).isFalse();

        s.onText(ws, Json.writeString(new ChannelMessage.EmbedCall("call-1", "no-such-model", List.of("x"))), true);
        assertThat(s.busy()).isTrue();
        s.alive();
        queued.removeFirst().run();

        assertThat(s.busy()).isFalse();
        List<ChannelMessage> sent = ws.texts().stream().map(t -> Json.read(t.getBytes(StandardCharsets.UTF_8), ChannelMessage.class)).toList();
        assertThat(sent).hasSize(3);
        assertThat(sent.get(0)).isInstanceOf(ChannelMessage.Ready.class);
        assertThat(sent.get(1)).isInstanceOf(ChannelMessage.Alive.class);
        assertThat(ws.texts().get(1)).isEqualTo("{\"type\":\"alive\"}");
        assertThat(sent.get(2)).isInstanceOfSatisfying(ChannelMessage.CallFailed.class, f -> assertThat(f.id()).isEqualTo("call-1"));
        registry.close();
    }
}
