package org.gridmint.coordinator.http;

import io.javalin.http.Handler;
import java.util.List;
import java.util.Objects;

/**
 * One route of the API: what it does, what it takes and answers, who may call it, and its handler.
 *
 * @param request the JSON body type, or null; {@code byte[].class} for a raw body, which is streamed and whose
 *     digest for the signature is the route's {@code {sha256}} path parameter
 * @param response the JSON answer type; {@code String.class} for text, {@code byte[].class} for bytes
 * @param errors the error statuses it may answer besides 400 (and 401/403, which follow from {@code access})
 * @param queryParams its query parameters: {@code name} for an integer, {@code name=a|b} for a string that is one of a, b (the
 *     first being the default)
 * @param access who may call it; routes are {@link Access#SIGNED} unless they say otherwise
 */
record Route(String method, String path, String summary, String tag, Class<?> request, Class<?> response, int status,
             List<Integer> errors, List<String> queryParams, Handler handler, Access access) {

    /** Who may call a route. */
    enum Access {
        /** Anyone, unsigned: the API description, health, metrics and market data. */
        PUBLIC,
        /** Any account, by a valid signed request; the handler then decides by owner. */
        SIGNED,
        /** Only the coordinator's own key (its operator), by a valid signed request. */
        OPERATOR
    }

    Route {
        Objects.requireNonNull(access, "access");
    }

    /** A {@link Access#SIGNED} route: secure unless a route says otherwise. */
    Route(String method, String path, String summary, String tag, Class<?> request, Class<?> response, int status,
          List<Integer> errors, List<String> queryParams, Handler handler) {
        this(method, path, summary, tag, request, response, status, errors, queryParams, handler, Access.SIGNED);
    }

    Route withAccess(Access a) {
        return new Route(method, path, summary, tag, request, response, status, errors, queryParams, handler, a);
    }
}
