package org.gridmint.coordinator.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gridmint.api.ApiKeyList;
import org.gridmint.api.ApiKeyRequest;
import org.gridmint.api.ApiKeyView;
import org.gridmint.api.ApiPaths;
import org.gridmint.api.UsageReport;
import org.gridmint.api.json.Json;
import org.gridmint.api.openai.EmbeddingsResponse;
import org.gridmint.api.openai.ModelList;
import org.gridmint.api.openai.OpenAiError;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.gateway.ChannelHub;
import org.gridmint.coordinator.gateway.ChannelPeer;
import org.gridmint.coordinator.gateway.Gateway;
import org.gridmint.coordinator.gateway.OpenAiException;
import org.gridmint.core.ids.AccountId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP side: the signed routes for API keys and usage, the OpenAI-compatible {@code /v1} routes (bearer
 * keys, errors in OpenAI's shape, never problem+json), and the provider channel's WebSocket, whose upgrade request is
 * authenticated like any signed provider request and refused with 401/403/404 before the upgrade.
 */
final class GatewayRoutes {
    private static final Logger log = LoggerFactory.getLogger(GatewayRoutes.class);
    private static final String CHANNEL = "gridmint.channel";

    private final Gateway gateway;
    private final org.gridmint.coordinator.gateway.Usage usage;
    private final Authenticator auth;
    private final long maxBodyBytes;
    private final Map<WsContext, ChannelHub.Channel> open = new ConcurrentHashMap<>();

    GatewayRoutes(Gateway gateway, org.gridmint.coordinator.gateway.Usage usage, Authenticator auth, long maxBodyBytes) {
        this.gateway = gateway;
        this.usage = usage;
        this.auth = auth;
        this.maxBodyBytes = maxBodyBytes;
    }

    List<Route> routes() {
        List<Route> r = new ArrayList<>();
        r.add(new Route("POST", ApiPaths.APIKEYS, "Create an API key for the OpenAI-compatible gateway; its secret is in this answer only", "gateway",
                ApiKeyRequest.class, ApiKeyView.class, 201, List.of(409), List.of(),
                ctx -> json(ctx, 201, gateway.keys().create(HttpApi.caller(ctx), Json.read(RequestBody.bytes(ctx, maxBodyBytes), ApiKeyRequest.class)))));
        r.add(new Route("GET", ApiPaths.APIKEYS, "The caller's API keys, newest first, without secrets", "gateway", null, ApiKeyList.class, 200,
                List.of(), List.of(), ctx -> json(ctx, 200, gateway.keys().list(HttpApi.caller(ctx)))));
        r.add(new Route("DELETE", ApiPaths.APIKEY, "Revoke one of the caller's API keys", "gateway", null, ApiKeyView.class, 200, List.of(404),
                List.of(), ctx -> json(ctx, 200, gateway.keys().revoke(HttpApi.caller(ctx), ctx.pathParam("keyId")))));
        r.add(new Route("GET", ApiPaths.USAGE, "The caller's gateway usage: totals and its latest requests", "gateway", null, UsageReport.class, 200,
                List.of(), List.of("limit"), ctx -> json(ctx, 200, usage.report(HttpApi.caller(ctx), limit(ctx)))));
        r.add(new Route("POST", ApiPaths.OPENAI_EMBEDDINGS, "OpenAI-compatible embeddings (Authorization: Bearer <API key>)", "openai",
                Map.class, EmbeddingsResponse.class, 200, List.of(401, 404, 429, 502, 503), List.of(),
                openAi(ctx -> gateway.embeddings(ctx.header("Authorization"), RequestBody.bytes(ctx, maxBodyBytes)))).withAccess(Route.Access.API_KEY));
        r.add(new Route("GET", ApiPaths.OPENAI_MODELS, "The models some connected provider serves now (Authorization: Bearer <API key>)", "openai",
                null, ModelList.class, 200, List.of(401), List.of(), openAi(ctx -> gateway.models(ctx.header("Authorization"))))
                .withAccess(Route.Access.API_KEY));
        return r;
    }

    private static int limit(Context ctx) {
        String v = ctx.queryParam("limit");
        if (v == null) return 50;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new CoordinatorException.Invalid("limit", "must be an integer, was '" + v + "'");
        }
    }

    /** What an OpenAI route answers. */
    @FunctionalInterface
    private interface OpenAiCall {
        Object answer(Context ctx) throws Exception;
    }

    /** Runs an OpenAI route so that every failure, ours or unexpected, leaves in OpenAI's error shape. */
    private static io.javalin.http.Handler openAi(OpenAiCall call) {
        return ctx -> {
            try {
                json(ctx, 200, call.answer(ctx));
            } catch (OpenAiException e) {
                sendError(ctx, e);
            } catch (CoordinatorException.TooLarge e) {
                sendError(ctx, new OpenAiException(413, e.getMessage(), "invalid_request_error", null, "request_too_large", null));
            } catch (RuntimeException e) {
                log.error("gateway failure on {} {}", ctx.method(), ctx.path(), e);
                sendError(ctx, new OpenAiException(500, "The gateway failed: " + e.getClass().getSimpleName(), "server_error", null, null, null));
            }
        };
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    /** Marks a response as an OpenAI route's own answer, which the server's 404 page must leave alone. */
    static final String ANSWERED = "gridmint.openai.answered";

    static void sendError(Context ctx, OpenAiException e) {
        ctx.attribute(ANSWERED, Boolean.TRUE);
        if (e.retryAfterSeconds() != null) ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
        if (e.status() == 401) ctx.header("WWW-Authenticate", "Bearer");
        ctx.status(e.status()).contentType("application/json").result(Json.write(e.error()));
    }

    /** OpenAI's shape for a path under /v1 that has no route, as an OpenAI client expects. */
    static void notFound(Context ctx) {
        ctx.status(404).contentType("application/json").result(Json.write(OpenAiError.of("Unknown request URL: " + ctx.method() + " " + ctx.path(),
                "invalid_request_error", null, "unknown_url")));
    }

    /** Registers the provider channel: the signed upgrade check, then the WebSocket's handlers. */
    void registerChannel(JavalinConfig cfg) {
        Route check = new Route("GET", ApiPaths.PROVIDER_CHANNEL, "Open the provider channel (WebSocket)", "providers", null, null, 101,
                List.of(403, 404), List.of(), ctx -> { });
        cfg.routes.wsBeforeUpgrade(ApiPaths.PROVIDER_CHANNEL, ctx -> {
            try {
                AccountId caller = auth.authenticate(ctx, check);
                ctx.attribute(CHANNEL, gateway.channelOwner(caller, ctx.pathParam("providerId")));
            } catch (Exception e) {
                Problems.write(ctx, e);
                ctx.skipRemainingHandlers();
                throw new io.javalin.http.HttpResponseException(ctx.statusCode(), ctx.result() == null ? "" : ctx.result());
            }
        });
        // A dead peer is noticed by silence: providers ping (the JDK client answers no server pings we could see, and
        // Javalin hides pongs), so the coordinator sends none of its own, which would count as activity and hide the silence.
        // An answer to the most inputs a request may carry must fit in one message (and one frame: the JDK client sends a
        // message as one frame); Jetty's 64 KiB defaults would close the channel with 1009 and fail every call on it.
        long maxFrame = gateway.config().maxFrameBytes();
        cfg.jetty.modifyWebSocketServletFactory(f -> {
            f.setIdleTimeout(gateway.config().idleTimeout());
            f.setMaxTextMessageSize(maxFrame);
            f.setMaxFrameSize(maxFrame);
        });
        cfg.routes.ws(ApiPaths.PROVIDER_CHANNEL, ws -> {
            ws.onConnect(ctx -> {
                org.gridmint.coordinator.store.ProviderRecord p = ctx.attribute(CHANNEL);
                ChannelHub.Channel c = gateway.hub().connect(p.id(), p.owner(), p.models(), new Peer(ctx));
                open.put(ctx, c);
            });
            ws.onMessage(ctx -> {
                ChannelHub.Channel c = open.get(ctx);
                if (c != null) gateway.hub().receive(c, ctx.message());
            });
            ws.onClose(ctx -> {
                ChannelHub.Channel c = open.remove(ctx);
                if (c != null) gateway.hub().closed(c, "closed by the provider (" + ctx.status() + (ctx.reason() == null ? "" : " " + ctx.reason()) + ")");
            });
            ws.onError(ctx -> {
                ChannelHub.Channel c = open.remove(ctx);
                if (c != null) gateway.hub().closed(c, "error: " + ctx.error());
            });
        });
    }

    /** The WebSocket end of a channel; sends are serialized, as one session takes one message at a time. */
    private record Peer(WsContext ctx) implements ChannelPeer {
        @Override
        public java.util.concurrent.CompletableFuture<Void> send(String text) {
            var done = new java.util.concurrent.CompletableFuture<Void>();
            // The session's own send, with a callback: WsContext.send ignores whether the frame went out.
            synchronized (this) {
                ctx.session.sendText(text, org.eclipse.jetty.websocket.api.Callback.from(() -> done.complete(null), done::completeExceptionally));
            }
            return done;
        }

        @Override
        public void close(int code, String reason) {
            try {
                ctx.closeSession(code, reason);
            } catch (RuntimeException e) {
                log.debug("closing a channel that is already gone: {}", e.toString());
            }
        }
    }
}
