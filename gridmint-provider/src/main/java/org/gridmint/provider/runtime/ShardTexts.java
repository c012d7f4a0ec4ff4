package org.gridmint.provider.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gridmint.api.json.Json;

/**
 * Reads the texts of an embed task's {@code shard.jsonl}: UTF-8 JSON Lines, one {@code {"i", "id", "text"}} object per
 * item, in the order the vectors must come out. A shard that breaks the format is a {@link MalformedShardException},
 * apart from an {@link IOException} (the file could not be read), because only the latter is worth trying again.
 */
final class ShardTexts {
    private ShardTexts() {}

    /** The shard is not what the coordinator writes; the message names the line and what is wrong with it. */
    static final class MalformedShardException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedShardException(String message) {
            super(message);
        }
    }

    static List<String> read(Path shard) throws IOException, MalformedShardException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> texts = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(shard), decoder))) {
            int lineNo = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) continue;
                texts.add(text(line, lineNo));
            }
        } catch (CharacterCodingException e) {
            throw new MalformedShardException("shard.jsonl is not UTF-8 text (" + e + ")");
        }
        if (texts.isEmpty()) throw new MalformedShardException("shard.jsonl has no items");
        return texts;
    }

    private static String text(String line, int lineNo) throws MalformedShardException {
        JsonNode item;
        try {
            item = Json.mapper().readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedShardException("shard.jsonl line " + lineNo + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        if (item == null || !item.isObject()) throw new MalformedShardException("shard.jsonl line " + lineNo + ": not a JSON object");
        JsonNode text = item.get("text");
        if (text == null || !text.isTextual()) throw new MalformedShardException("shard.jsonl line " + lineNo + ": \"text\" must be a string");
        JsonNode i = item.get("i");
        if (i != null && !(i.isIntegralNumber() && i.asLong() >= 0)) {
            throw new MalformedShardException("shard.jsonl line " + lineNo + ": \"i\" must be an item index >= 0");
        }
        return text.asText();
    }
}
