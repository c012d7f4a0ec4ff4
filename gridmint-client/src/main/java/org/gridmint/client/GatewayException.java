package org.gridmint.client;

/**
 * The OpenAI-compatible gateway answered with an error ({@code {"error": {message, type, param, code}}}): {@link #status()} is
 * the HTTP status, {@link #type()} OpenAI's error type (invalid_request_error, authentication_error, rate_limit_error, …),
 * {@link #code()} and {@link #param()} null when the gateway names none. {@link #getMessage()} is the gateway's message.
 */
public final class GatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String type;
    private final String code;
    private final String param;

    public GatewayException(int status, String type, String code, String param, String message) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    /** Whether the same request may succeed later: 429 (every provider full) and 5xx. */
    public boolean retryable() {
        return status == 429 || status >= 500;
    }
}
