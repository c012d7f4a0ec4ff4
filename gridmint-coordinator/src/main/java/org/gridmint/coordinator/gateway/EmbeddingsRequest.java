package org.gridmint.coordinator.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.gridmint.api.json.Json;

/**
 * A {@code POST /v1/embeddings} body, read as a tree and checked by hand so that every error is OpenAI-shaped and names
 * its parameter (a typed binding would answer Jackson's errors instead).
 *
 * @param dimensions what the client asked for, or null
 */
record EmbeddingsRequest(String model, List<String> input, boolean base64, Integer dimensions) {

    static EmbeddingsRequest parse(byte[] body, GatewayConfig config) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (Exception e) {
            throw OpenAiException.invalid(null, "We could not parse the JSON body of your request: it must be a JSON object with model and input");
        }
        if (root == null || !root.isObject())
            throw OpenAiException.invalid(null, "The body of your request must be a JSON object with model and input");
        JsonNode model = root.get("model");
        if (model == null || model.isNull()) throw OpenAiException.invalid("model", "You must provide a model parameter");
        if (!model.isTextual() || model.asText().isBlank()) throw OpenAiException.invalid("model", "model must be a non-empty string");
        List<String> input = input(root.get("input"), config);
        JsonNode format = root.get("encoding_format");
        boolean base64 = false;
        if (format != null && !format.isNull()) {
            if (!format.isTextual() || !(format.asText().equals("float") || format.asText().equals("base64")))
                throw OpenAiException.invalid("encoding_format", "encoding_format must be 'float' or 'base64', was " + format);
            base64 = format.asText().equals("base64");
        }
        JsonNode dims = root.get("dimensions");
        Integer dimensions = null;
        if (dims != null && !dims.isNull()) {
            if (!dims.isIntegralNumber() || !dims.canConvertToInt() || dims.asInt() < 1)
                throw OpenAiException.invalid("dimensions", "dimensions must be a positive integer, was " + dims);
            dimensions = dims.asInt();
        }
        JsonNode user = root.get("user");
        if (user != null && !user.isNull() && !user.isTextual()) throw OpenAiException.invalid("user", "user must be a string");
        return new EmbeddingsRequest(model.asText(), input, base64, dimensions);
    }

    private static List<String> input(JsonNode input, GatewayConfig config) {
        if (input == null || input.isNull()) throw OpenAiException.invalid("input", "You must provide an input parameter: a string or an array of strings");
        if (input.isTextual()) {
            check(input.asText(), "input", config);
            return List.of(input.asText());
        }
        if (!input.isArray()) throw OpenAiException.invalid("input", "input must be a string or an array of strings, was " + input.getNodeType().name().toLowerCase());
        if (input.isEmpty()) throw OpenAiException.invalid("input", "input must not be an empty array");
        if (input.size() > config.maxItems())
            throw OpenAiException.invalid("input", "input has " + input.size() + " items; at most " + config.maxItems() + " are allowed per request");
        List<String> out = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            if (!item.isTextual())
                throw OpenAiException.invalid("input", "input[" + i + "] must be a string, was " + item.getNodeType().name().toLowerCase()
                        + " (token arrays are not supported)");
            check(item.asText(), "input[" + i + "]", config);
            out.add(item.asText());
        }
        return out;
    }

    private static void check(String text, String where, GatewayConfig config) {
        if (text.isEmpty()) throw OpenAiException.invalid("input", where + " must not be empty");
        if (text.length() > config.maxInputChars())
            throw OpenAiException.invalid("input", where + " has " + text.length() + " characters; at most " + config.maxInputChars() + " are allowed");
    }
}
