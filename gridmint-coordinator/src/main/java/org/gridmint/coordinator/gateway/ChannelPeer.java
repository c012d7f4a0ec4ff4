package org.gridmint.coordinator.gateway;

/** The far end of one provider channel as the hub sees it: text frames out, and a close. Implementations are thread-safe. */
public interface ChannelPeer {
    /** Sends one text frame; a failure to send is an exception (the hub then treats the channel as closed). */
    void send(String text) throws Exception;

    /** Closes the channel with a WebSocket close code and a reason the provider can read. */
    void close(int code, String reason);
}
