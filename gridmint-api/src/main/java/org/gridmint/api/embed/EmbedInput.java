package org.gridmint.api.embed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
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

    /** What {@link #stream} found: how many items it handed on, and the problems; the items are only usable without errors. */
    public record Summary(int items, List<FieldError> errors) {
        public Summary {
            errors = List.copyOf(errors);
        }

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * The items of {@code bytes} read as {@code format}; {@code textField} names the text's field for JSON Lines (null:
     * {@value EmbedSpec#DEFAULT_TEXT_FIELD}) and is ignored for plain text. An input with no items, or more than
     * {@link EmbedSpec#MAX_ITEMS}, is an error too. For inputs that fit in memory; large ones go through {@link #stream}.
     */
    public static Parsed parse(byte[] bytes, InputFormat format, String textField) {
        if (bytes == null || format == null) throw new IllegalArgumentException("parse needs the input's bytes and its format");
        List<Item> items = new ArrayList<>();
        try {
            return new Parsed(items, stream(new ByteArrayInputStream(bytes), format, textField, items::add).errors());
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail to read", e);
        }
    }

    /**
     * Reads {@code in} line by line as {@link #parse} does, with the same rules and messages, handing each good item to
     * {@code sink} in input order as soon as it is read; only the current line is held in memory. The sink also sees the
     * good items of an input that turns out to have errors: a caller that keeps them waits for a valid summary.
     */
    public static Summary stream(InputStream in, InputFormat format, String textField, Consumer<Item> sink) throws IOException {
        if (in == null || format == null || sink == null) throw new IllegalArgumentException("stream needs the input, its format and a sink");
        String field = textField == null ? EmbedSpec.DEFAULT_TEXT_FIELD : textField;
        List<FieldError> errors = new ArrayList<>();
        int count = 0;
        int more = 0;
        int line = 0;
        LineBuffer buf = new LineBuffer(in);
        // One strict decoder for the whole input: a bad byte is reported on its line, never replaced.
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        while (buf.next()) {
            line++;
            int from = line == 1 && buf.startsWithBom() ? 3 : 0;
            int stop = buf.len;
            if (stop > from && buf.bytes[stop - 1] == '\r') stop--;
            FieldError error = null;
            String text = decode(utf8, buf.bytes, from, stop);
            if (text == null) {
                error = new FieldError(where(line), "is not valid UTF-8");
            } else if (!text.isBlank()) {
                if (count >= EmbedSpec.MAX_ITEMS) {
                    errors.add(new FieldError("input", "holds more than " + EmbedSpec.MAX_ITEMS + " items; split it into several jobs"));
                    break;
                }
                Object r = format == InputFormat.LINES ? new Item(Integer.toString(line), text) : jsonLine(text, field, line);
                if (r instanceof Item item) {
                    count++;
                    sink.accept(item);
                } else error = (FieldError) r;
            }
            if (error != null) {
                if (errors.size() < MAX_ERRORS) errors.add(error);
                else more++;
            }
        }
        if (more > 0) errors.add(new FieldError("input", "has " + more + " more bad lines"));
        if (count == 0 && errors.isEmpty()) errors.add(new FieldError("input", "holds no items: every line is blank"));
        return new Summary(count, errors);
    }

    /** The bytes of one line at a time, without its newline; reused from line to line so a long input allocates little. */
    private static final class LineBuffer {
        private final InputStream in;
        private final byte[] chunk = new byte[1 << 16];
        private int pos;
        private int lim;
        byte[] bytes = new byte[256];
        int len;

        LineBuffer(InputStream in) {
            this.in = in;
        }

        /** Reads the next line; false at the end of the input (a last line needs no newline, a final newline adds no line). */
        boolean next() throws IOException {
            len = 0;
            while (true) {
                if (pos == lim) {
                    lim = in.read(chunk);
                    pos = 0;
                    if (lim <= 0) {
                        lim = 0;
                        return len > 0;
                    }
                }
                int k = pos;
                while (k < lim && chunk[k] != '\n') k++;
                append(pos, k);
                boolean newline = k < lim;
                pos = newline ? k + 1 : k;
                if (newline) return true;
            }
        }

        private void append(int from, int to) {
            int n = to - from;
            if (len + n > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, len + n));
            System.arraycopy(chunk, from, bytes, len, n);
            len += n;
        }

        boolean startsWithBom() {
            return len >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF;
        }
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
}
