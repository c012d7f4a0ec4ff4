package org.gridmint.provider.channel;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.gridmint.api.channel.ChannelMessage;
import org.gridmint.api.channel.ChannelMessage.CallFailed;
import org.gridmint.api.channel.ChannelMessage.EmbedCall;
import org.gridmint.api.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open channel: reads the coordinator's frames, runs each call on the shared executor and sends its answer back.
 * Concurrency: the JDK WebSocket allows one outstanding send, so every send (answers, pings, the close) is chained behind
 * the one before; {@link #closed()} completes once the socket is gone, however it went.
 */
final class ChannelSession implements WebSocket.Listener {
    private static final Logger log = LoggerFactory.getLogger(ChannelSession.class);

    private final EmbedCalls calls;
    private final Executor executor;
    private final ChannelMessage.Ready ready;
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);
    /** Calls taken and not yet answered (queued or running). */
    private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
    private volatile WebSocket socket;

    ChannelSession(EmbedCalls calls, Executor executor, ChannelMessage.Ready ready) {
        this.calls = calls;
        this.executor = executor;
        this.ready = ready;
    }

    /** Completes with why the channel ended (a close code and reason, or the error). */
    CompletableFuture<String> closed() {
        return closed;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        send(Json.writeString(ready));
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            receive(text);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        log.warn("ignoring a binary frame of {} bytes on the online channel: it carries JSON text only", data.remaining());
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete("closed by the coordinator (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")");
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete("failed: " + error);
    }

    private void receive(String text) {
        ChannelMessage m;
        try {
            m = Json.read(text.getBytes(StandardCharsets.UTF_8), ChannelMessage.class);
        } catch (RuntimeException e) {
            log.warn("ignoring a frame the online channel cannot read ({}): {}", e.getMessage(), abbreviate(text));
            return;
        }
        if (!(m instanceof EmbedCall call)) {
            log.warn("ignoring a {} frame: only the coordinator's embed calls come this way", m.getClass().getSimpleName());
            return;
        }
        running.incrementAndGet();
        try {
            executor.execute(() -> {
                try {
                    send(Json.writeString(calls.answer(call)));
                } finally {
                    running.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            running.decrementAndGet();
            // More calls than the capacity we announced (and its queue): say so at once, so another provider takes it.
            send(Json.writeString(new CallFailed(call.id(), "the provider is full", true)));
        }
    }

    /** Whether some call is queued or running. */
    boolean busy() {
        return running.get() > 0;
    }

    /** Says the provider is alive (an {@code alive} text frame, which the coordinator sees, unlike a ping). */
    void alive() {
        send(Json.writeString(new ChannelMessage.Alive()));
    }

    /** Sends a ping, so that idle timeouts on the way keep the channel open and a dead peer is noticed. */
    void ping() {
        chain(ws -> ws.sendPing(ByteBuffer.allocate(0)));
    }

    /** Starts a clean close; {@link #closed()} completes when the coordinator answers it or the socket is aborted. */
    void close(String reason) {
        chain(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, reason));
    }

    void abort() {
        WebSocket ws = socket;
        if (ws != null) ws.abort();
        closed.complete("aborted");
    }

    private void send(String text) {
        chain(ws -> ws.sendText(text, true));
    }

    private synchronized void chain(java.util.function.Function<WebSocket, CompletableFuture<WebSocket>> op) {
        WebSocket ws = socket;
        if (ws == null || closed.isDone()) return;
        sends = sends.handle((r, e) -> null).thenCompose(v -> op.apply(ws)).whenComplete((r, e) -> {
            // A send fails once the socket is going away; the session ends through onClose/onError, nothing to do here.
            if (e != null) log.debug("a send on the online channel failed: {}", e.toString());
        });
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
