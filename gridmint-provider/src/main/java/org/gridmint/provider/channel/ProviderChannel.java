package org.gridmint.provider.channel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.ModelOffer;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.auth.RequestSigner;
import org.gridmint.api.channel.ChannelMessage;
import org.gridmint.api.http.ApiTransport;
import org.gridmint.embed.ModelRegistry;
import org.gridmint.provider.agent.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the agent's online channel to its coordinator open: connects (a GET of the channel path, signed as the agent's
 * identity, upgraded to a WebSocket), announces what it serves, answers embedding calls on {@code capacity} threads, and
 * reconnects with capped backoff whenever the channel closes or cannot be opened.
 *
 * <p>Concurrency: one virtual thread runs the connect loop and pings an idle channel; calls run on a fixed pool of
 * {@code capacity} threads (embedding is CPU-bound) with a short queue, shared by successive connections. Failure modes: a
 * call whose connection dropped loses its answer, and the coordinator retries it on another provider; a coordinator that
 * refuses the upgrade (unknown provider, bad signature) is retried with backoff while the agent sorts out its registration.
 */
public final class ProviderChannel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProviderChannel.class);
    private static final Duration PING_EVERY = Duration.ofSeconds(15);
    /**
     * How often the agent says it is alive while calls run: well inside the coordinator's call timeout (30 s by default),
     * which takes a channel silent through a whole call for dead.
     */
    static final Duration ALIVE_EVERY = Duration.ofSeconds(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final String EMPTY_SHA256 = ApiTransport.sha256(new byte[0]);

    private final URI coordinator;
    private final RequestSigner signer;
    private final Supplier<String> providerId;
    private final List<ModelOffer> offers;
    private final int capacity;
    private final Duration maxBackoff;
    private final EmbedCalls calls;
    private final ThreadPoolExecutor executor;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final AtomicInteger opened = new AtomicInteger();
    private volatile boolean stopping;
    private volatile ChannelSession session;
    private Thread loop;

    /**
     * @param coordinator the coordinator's http(s) base URL, as the agent calls it
     * @param providerId the agent's current provider id (it changes if the agent registers anew)
     * @param offers what the {@code Ready} frame announces
     * @param capacity calls answered at once; also what {@code Ready} announces
     */
    public ProviderChannel(URI coordinator, Identity identity, Supplier<String> providerId, ModelRegistry registry, List<ModelOffer> offers,
            int capacity, Duration maxBackoff) {
        if (capacity < 1) throw new IllegalArgumentException("--online-capacity must be at least 1, got " + capacity);
        this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
        this.signer = new RequestSigner(Objects.requireNonNull(identity, "identity"));
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.offers = List.copyOf(offers);
        this.capacity = capacity;
        this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
        this.calls = new EmbedCalls(registry);
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(capacity, capacity, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity * 4),
                r -> Thread.ofPlatform().daemon().name("gridmint-online-" + n.incrementAndGet()).unstarted(r));
    }

    /** Starts the connect loop and returns at once. */
    public synchronized void start() {
        if (loop != null) throw new IllegalStateException("the online channel was already started");
        loop = Thread.ofVirtual().name("gridmint-channel").start(this::run);
    }

    /** Whether a channel is open now. */
    public boolean connected() {
        ChannelSession s = session;
        return s != null && !s.closed().isDone();
    }

    /** How many times a channel was opened: 1 after the first connect, more after reconnects. */
    public int connections() {
        return opened.get();
    }

    /** The WebSocket URL of the channel: ws(s) on the coordinator's host and port. */
    public static URI channelUri(URI coordinator, String providerId) {
        String base = coordinator.toString().replaceFirst("/+$", "");
        String ws = base.startsWith("https:") ? "wss:" + base.substring(6) : base.startsWith("http:") ? "ws:" + base.substring(5) : base;
        return URI.create(ws + ApiPaths.expand(ApiPaths.PROVIDER_CHANNEL, providerId));
    }

    private void run() {
        Backoff backoff = new Backoff(Duration.ofMillis(250), maxBackoff);
        while (!stopping) {
            String id = providerId.get();
            String why;
            try {
                ChannelSession s = connect(id);
                backoff.reset();
                why = await(s);
            } catch (InterruptedException e) {
                break;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                if (stopping) break;
                log.warn("cannot open the online channel to {}: {}; retrying", coordinator, describe(e));
                backoff.pause();
                continue;
            }
            if (stopping) break;
            log.warn("the online channel to {} {}; reconnecting", coordinator, why);
            backoff.pause();
        }
    }

    private ChannelSession connect(String id) throws InterruptedException, ExecutionException, TimeoutException {
        URI uri = channelUri(coordinator, id);
        ChannelSession s = new ChannelSession(calls, executor, new ChannelMessage.Ready(offers, capacity));
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
        // Signed as the coordinator reads the request target back: the raw path of the upgrade GET, over an empty body.
        signer.sign("GET", uri.getRawPath(), EMPTY_SHA256, Instant.now()).asMap().forEach(b::header);
        b.buildAsync(uri, s).get(CONNECT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        session = s;
        opened.incrementAndGet();
        log.info("online channel to {} open as provider {}: serving {} with capacity {}", coordinator, id,
                offers.stream().map(o -> o.name() + " (" + o.device() + ")").toList(), capacity);
        if (stopping) s.close("the agent is stopping");
        return s;
    }

    /**
     * Waits for the session to end, saying it is alive every {@link #ALIVE_EVERY} while calls run and pinging (and saying
     * it is alive) every {@link #PING_EVERY} in any case; returns why it ended.
     */
    private String await(ChannelSession s) throws InterruptedException, ExecutionException {
        long lastPing = System.nanoTime();
        while (true) {
            try {
                return s.closed().get(ALIVE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                boolean pingDue = System.nanoTime() - lastPing >= PING_EVERY.toNanos();
                if (s.busy() || pingDue) s.alive();
                if (pingDue) {
                    s.ping();
                    lastPing = System.nanoTime();
                }
            }
        }
    }

    /** Closes the channel cleanly (waiting briefly for the coordinator's answer) and stops reconnecting; idempotent. */
    @Override
    public void close() {
        Thread l;
        synchronized (this) {
            if (stopping) return;
            stopping = true;
            l = loop;
        }
        ChannelSession s = session;
        if (s != null) {
            s.close("the agent is stopping");
            try {
                s.closed().get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // The coordinator did not answer the close in time; cut the socket below.
            }
            s.abort();
        }
        if (l != null) {
            l.interrupt();
            try {
                l.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        executor.shutdownNow();
        http.close();
        log.info("online channel to {} closed", coordinator);
    }

    /** Drops the channel at once, without a close frame or a word to the coordinator: a simulated crash. */
    public void abort() {
        Thread l;
        synchronized (this) {
            stopping = true;
            l = loop;
        }
        ChannelSession s = session;
        if (s != null) s.abort();
        if (l != null) l.interrupt();
        executor.shutdownNow();
    }

    private static String describe(Exception e) {
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof WebSocketHandshakeException h) return "the coordinator refused the upgrade with HTTP " + h.getResponse().statusCode();
        if (t instanceof TimeoutException) return "no answer within " + CONNECT_TIMEOUT.toSeconds() + " s";
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
