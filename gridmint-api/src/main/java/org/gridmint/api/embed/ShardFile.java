package org.gridmint.api.embed;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.gridmint.api.embed.EmbedInput.Item;
import org.gridmint.api.json.InvalidInputException;
import org.gridmint.api.json.Json;
import org.gridmint.core.spec.FieldError;

/**
 * The {@code shard.jsonl} file of one embed task: UTF-8 JSON Lines, one object per item,
 * {@code {"i": <0-based index in the whole input>, "id": <string>, "text": <string>}}, in input order. The provider
 * writes one row of {@code embeddings.npy} per line, in the same order. Texts may hold any character: JSON escapes
 * newlines, so one item is always one line.
 */
public final class ShardFile {
    /** The name the shard has in a task's files. */
    public static final String NAME = "shard.jsonl";

    private static final ObjectMapper MAPPER = Json.mapper();

    private ShardFile() {}

    /** One line of a shard: the item's index in the whole input, its id and its text. */
    public record Entry(int i, String id, String text) {
        public Entry {
            if (i < 0) throw new IllegalArgumentException("an item's index is >= 0, was " + i);
            if (id == null || text == null) throw new IllegalArgumentException("an entry has an id and a text");
        }
    }

    /** The shard holding {@code items}, the first of which is item {@code firstIndex} of the whole input. */
    public static byte[] write(int firstIndex, List<Item> items) {
        if (firstIndex < 0) throw new IllegalArgumentException("firstIndex must be >= 0, was " + firstIndex);
        var out = new ByteArrayOutputStream(64 * items.size() + 16);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.setRootValueSeparator(null);
            for (int k = 0; k < items.size(); k++) {
                Item item = items.get(k);
                g.writeStartObject();
                g.writeNumberField("i", Math.addExact(firstIndex, k));
                g.writeStringField("id", item.id());
                g.writeStringField("text", item.text());
                g.writeEndObject();
                g.flush();
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The entries of a shard, in file order.
     *
     * @throws InvalidInputException naming the line when a line is not an object with an integer {@code i} and string
     *     {@code id} and {@code text}, or has other fields; or naming the file when it is not UTF-8
     */
    public static List<Entry> read(byte[] shard) {
        String all;
        try {
            all = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(shard)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(new FieldError(NAME, "is not valid UTF-8"));
        }
        List<Entry> entries = new ArrayList<>();
        int line = 0;
        for (String text : all.split("\n", -1)) {
            line++;
            if (text.isEmpty()) continue;
            entries.add(entry(text, line));
        }
        return entries;
    }

    private static Entry entry(String text, int line) {
        String where = NAME + " line " + line;
        JsonNode n;
        try {
            n = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(new FieldError(where, "not JSON (" + e.getOriginalMessage().lines().findFirst().orElse("malformed") + ")"));
        }
        if (n == null || !n.isObject()) throw new InvalidInputException(new FieldError(where, "not a JSON object"));
        if (n.size() != 3) throw new InvalidInputException(new FieldError(where, "must have exactly the fields i, id and text"));
        JsonNode i = n.get("i");
        JsonNode id = n.get("id");
        JsonNode t = n.get("text");
        if (i == null || !i.canConvertToInt() || !i.isIntegralNumber() || i.intValue() < 0)
            throw new InvalidInputException(new FieldError(where, "field 'i' must be an integer >= 0"));
        if (id == null || !id.isTextual()) throw new InvalidInputException(new FieldError(where, "field 'id' must be a string"));
        if (t == null || !t.isTextual()) throw new InvalidInputException(new FieldError(where, "field 'text' must be a string"));
        return new Entry(i.intValue(), id.textValue(), t.textValue());
    }
}
