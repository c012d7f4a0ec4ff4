package org.gridmint.coordinator.gateway;

/** The far end of one provider channel as the hub sees it: text frames out, and a close. Implementations are thread-safe. */
public interface ChannelPeer {
    /**
     * Sends one text frame, asynchronously; the future completes once it is sent, or fails if it could not be (the hub then
     * fails the call, to be retried elsewhere, and treats the channel as closed).
     */
    java.util.concurrent.CompletableFuture<Void> send(String text);

    /** Closes the channel with a WebSocket close code and a reason the provider can read. */
    void close(int code, String reason);
}
