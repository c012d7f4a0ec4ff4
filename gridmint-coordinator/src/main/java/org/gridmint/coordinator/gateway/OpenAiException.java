package org.gridmint.coordinator.gateway;

import org.gridmint.api.openai.OpenAiError;

/**
 * An error of the OpenAI-compatible routes, answered in OpenAI's shape with its status (and {@code Retry-After} when
 * {@link #retryAfterSeconds} is set), so that OpenAI clients handle it as they would OpenAI's own.
 */
public final class OpenAiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient OpenAiError error;
    private final Integer retryAfterSeconds;

    public OpenAiException(int status, String message, String type, String param, String code, Integer retryAfterSeconds) {
        super(message);
        this.status = status;
        this.error = OpenAiError.of(message, type, param, code);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 400 invalid_request_error naming the offending parameter. */
    public static OpenAiException invalid(String param, String message) {
        return new OpenAiException(400, message, "invalid_request_error", param, null, null);
    }

    /** 401 authentication_error invalid_api_key. */
    public static OpenAiException badKey(String message) {
        return new OpenAiException(401, message, "authentication_error", null, "invalid_api_key", null);
    }

    /** 404 model_not_found. */
    public static OpenAiException noModel(String model, String why) {
        return new OpenAiException(404, "The model '" + model + "' does not exist or no provider serves it now" + why, "invalid_request_error",
                "model", "model_not_found", null);
    }

    public int status() {
        return status;
    }

    public OpenAiError error() {
        return error;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
