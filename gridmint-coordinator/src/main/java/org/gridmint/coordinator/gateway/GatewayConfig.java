package org.gridmint.coordinator.gateway;

import java.time.Duration;

/**
 * How the online gateway runs; the defaults live here and only here.
 *
 * @param callTimeout how long one provider may take to answer a call before it is retried on another; a channel silent
 *     through a whole call timeout is closed as dead, so keep it above the agent's 5 s keep-alive ({@code alive} frames)
 * @param maxItems the most inputs one {@code /v1/embeddings} request may carry
 * @param maxInputChars the longest input, in characters
 * @param idleTimeout a channel that receives nothing for this long (no frame, not even a ping) is taken for dead and closed;
 *     providers ping more often than this (the agent every 15 s), which also keeps NAT mappings on the way open
 * @param keyCacheTtl how long a looked-up API key is trusted from memory; a key revoked through this coordinator stops at
 *     once, one revoked through another coordinator sharing the database within this long (zero: no cache)
 */
public record GatewayConfig(Duration callTimeout, int maxItems, int maxInputChars, Duration idleTimeout, Duration keyCacheTtl) {
    public static final int DEFAULT_CALL_TIMEOUT_SECONDS = 30;
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(DEFAULT_CALL_TIMEOUT_SECONDS);
    public static final int DEFAULT_MAX_ITEMS = 2048;
    /** OpenAI's own limit on inputs per embeddings request; it also bounds a channel frame ({@link #maxFrameBytes}). */
    public static final int MAX_ITEMS = 2048;
    public static final int DEFAULT_MAX_INPUT_CHARS = 32_768;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(45);
    public static final Duration DEFAULT_KEY_CACHE_TTL = Duration.ofSeconds(5);
    public static final GatewayConfig DEFAULT = new GatewayConfig(DEFAULT_CALL_TIMEOUT, DEFAULT_MAX_ITEMS, DEFAULT_MAX_INPUT_CHARS, DEFAULT_IDLE_TIMEOUT,
            DEFAULT_KEY_CACHE_TTL);

    public GatewayConfig {
        if (callTimeout == null || callTimeout.toMillis() < 10 || callTimeout.toMinutes() > 10)
            throw new IllegalArgumentException("--gateway-timeout must be between 10ms and 10m, was " + callTimeout);
        if (maxItems < 1 || maxItems > MAX_ITEMS)
            throw new IllegalArgumentException("--gateway-max-items must be between 1 and " + MAX_ITEMS + ", was " + maxItems);
        if (maxInputChars < 1) throw new IllegalArgumentException("the longest gateway input must be >= 1 character, was " + maxInputChars);
        if (idleTimeout == null || idleTimeout.toMillis() < 100 || idleTimeout.toMinutes() > 60)
            throw new IllegalArgumentException("the channel idle timeout must be between 100ms and 60m, was " + idleTimeout);
        if (keyCacheTtl == null || keyCacheTtl.isNegative() || keyCacheTtl.toMinutes() > 10)
            throw new IllegalArgumentException("the API key cache TTL must be between 0 and 10m, was " + keyCacheTtl);
    }

    /** Room in a channel frame beyond its vectors: the JSON around them (id, count, dimensions) and a provider's failure text. */
    static final long FRAME_HEADROOM = 64 * 1024;

    /**
     * The largest text frame a provider may send on its channel: an {@code embedded} answer to {@link #maxItems} inputs of
     * the widest catalog model, base64 of float32 (4 bytes a value, 4/3 for base64), plus headroom. Jetty's default, 64 KiB,
     * would close a channel (1009) on an answer to about 32 inputs.
     */
    public long maxFrameBytes() {
        int dims = org.gridmint.embed.ModelCatalog.all().stream().mapToInt(org.gridmint.embed.ModelInfo::dimensions).max().orElse(0);
        long vectors = (long) maxItems * dims * Float.BYTES;
        return (vectors + 2) / 3 * 4 + FRAME_HEADROOM;
    }

    public GatewayConfig withCallTimeout(Duration d) {
        return new GatewayConfig(d, maxItems, maxInputChars, idleTimeout, keyCacheTtl);
    }

    public GatewayConfig withMaxItems(int n) {
        return new GatewayConfig(callTimeout, n, maxInputChars, idleTimeout, keyCacheTtl);
    }

    public GatewayConfig withIdleTimeout(Duration d) {
        return new GatewayConfig(callTimeout, maxItems, maxInputChars, d, keyCacheTtl);
    }

    public GatewayConfig withKeyCacheTtl(Duration d) {
        return new GatewayConfig(callTimeout, maxItems, maxInputChars, idleTimeout, d);
    }
}
