package org.gridmint.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An error in OpenAI's shape: {@code {"error": {"message", "type", "param", "code"}}}; param and code are null when not known. */
public record OpenAiError(Body error) {

    /** {@code type} as OpenAI names it: invalid_request_error, authentication_error, rate_limit_error, server_error, … */
    public record Body(String message, String type, @JsonInclude(JsonInclude.Include.ALWAYS) String param,
                       @JsonInclude(JsonInclude.Include.ALWAYS) String code) {}

    public static OpenAiError of(String message, String type, String param, String code) {
        return new OpenAiError(new Body(message, type, param, code));
    }
}
