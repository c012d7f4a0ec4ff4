package org.gridmint.coordinator.http;

import io.javalin.http.Handler;
import java.util.List;

/**
 * One route of the API: what it does, what it takes and answers, and its handler.
 *
 * @param request the JSON body type, or null; {@code byte[].class} for a raw body
 * @param response the JSON answer type; {@code String.class} for text, {@code byte[].class} for bytes
 * @param errors the error statuses it may answer besides 400
 */
record Route(String method, String path, String summary, String tag, Class<?> request, Class<?> response, int status,
             List<Integer> errors, List<String> queryParams, Handler handler) {}
