package org.gridmint.api.embed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.gridmint.api.json.InvalidInputException;
import org.gridmint.api.json.Json;
import org.gridmint.core.spec.EmbedSpec;
import org.gridmint.core.spec.EmbedSpec.InputFormat;
import org.gridmint.core.spec.FieldError;

/**
 * Reads an embed job's input file into its items. Plain text: one item per line, its id the 1-based line number.
 * JSON Lines: one object per line, its text in the text field (a string) and its id in {@code "id"} (a string or a
 * number; the line number when absent). In both, blank lines are skipped (they still count as lines), a line may end in
 * CRLF, and a UTF-8 byte order mark at the start is ignored. Every bad line is reported by number, not just the first.
 */
public final class EmbedInput {
    /** At most this many errors are listed one by one; the rest are counted. */
    public static final int MAX_ERRORS = 50;

    private static final ObjectMapper MAPPER = Json.mapper();

    private EmbedInput() {}

    /** One item to embed: its id (as the user gave it, or its line number) and its text. */
    public record Item(String id, String text) {
        public Item {
            if (id == null || text == null) throw new IllegalArgumentException("an item has an id and a text");
        }
    }

    /** The items of an input, in input order, and the problems found; items are only usable when there are no errors. */
    public record Parsed(List<Item> items, List<FieldError> errors) {
        public Parsed {
            items = List.copyOf(items);
            errors = List.copyOf(errors);
        }

        public boolean valid() {
            return errors.isEmpty();
        }

        /** The items, or {@link InvalidInputException} listing every problem (an input without items is one). */
        public List<Item> itemsOrThrow() {
            if (!errors.isEmpty()) throw new InvalidInputException(errors);
            return items;
        }
    }

    /**
     * The items of {@code bytes} read as {@code format}; {@code textField} names the text's field for JSON Lines (null:
     * {@value EmbedSpec#DEFAULT_TEXT_FIELD}) and is ignored for plain text. An input with no items, or more than
     * {@link EmbedSpec#MAX_ITEMS}, is an error too.
     */
    public static Parsed parse(byte[] bytes, InputFormat format, String textField) {
        if (bytes == null || format == null) throw new IllegalArgumentException("parse needs the input's bytes and its format");
        String field = textField == null ? EmbedSpec.DEFAULT_TEXT_FIELD : textField;
        List<Item> items = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        int more = 0;
        int start = startsWithBom(bytes) ? 3 : 0;
        int line = 0;
        // One strict decoder for the whole input: a bad byte is reported on its line, never replaced.
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        while (start < bytes.length) {
            int end = indexOf(bytes, (byte) '\n', start);
            line++;
            int stop = end;
            if (stop > start && bytes[stop - 1] == '\r') stop--;
            FieldError error = null;
            String text = decode(utf8, bytes, start, stop);
            if (text == null) {
                error = new FieldError(where(line), "is not valid UTF-8");
            } else if (!text.isBlank()) {
                if (items.size() >= EmbedSpec.MAX_ITEMS) {
                    errors.add(new FieldError("input", "holds more than " + EmbedSpec.MAX_ITEMS + " items; split it into several jobs"));
                    break;
                }
                if (format == InputFormat.LINES) items.add(new Item(Integer.toString(line), text));
                else {
                    Object r = jsonLine(text, field, line);
                    if (r instanceof Item item) items.add(item);
                    else error = (FieldError) r;
                }
            }
            if (error != null) {
                if (errors.size() < MAX_ERRORS) errors.add(error);
                else more++;
            }
            start = end + 1;
        }
        if (more > 0) errors.add(new FieldError("input", "has " + more + " more bad lines"));
        if (items.isEmpty() && errors.isEmpty()) errors.add(new FieldError("input", "holds no items: every line is blank"));
        return new Parsed(items, errors);
    }

    /** An item, or the error that says why line {@code line} is not one. */
    private static Object jsonLine(String text, String field, int line) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return new FieldError(where(line), "not JSON (" + e.getOriginalMessage().lines().findFirst().orElse("malformed") + ")");
        }
        if (node == null || !node.isObject()) return new FieldError(where(line), "not a JSON object");
        JsonNode t = node.get(field);
        if (t == null || !t.isTextual()) return new FieldError(where(line), "no string field '" + field + "'");
        JsonNode id = node.get("id");
        String idText;
        if (id == null) idText = Integer.toString(line);
        else if (id.isTextual()) idText = id.textValue();
        else if (id.isNumber()) idText = id.isIntegralNumber() ? id.bigIntegerValue().toString() : id.decimalValue().toPlainString();
        else return new FieldError(where(line), "field 'id' must be a string or a number");
        return new Item(idText, t.textValue());
    }

    private static String where(int line) {
        return "input line " + line;
    }

    private static String decode(CharsetDecoder utf8, byte[] b, int from, int to) {
        try {
            return utf8.reset().decode(ByteBuffer.wrap(b, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean startsWithBom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
    }

    /** The index of {@code v} from {@code from} on, or the length when it does not occur: the last line needs no newline. */
    private static int indexOf(byte[] b, byte v, int from) {
        for (int k = from; k < b.length; k++) if (b[k] == v) return k;
        return b.length;
    }
}
