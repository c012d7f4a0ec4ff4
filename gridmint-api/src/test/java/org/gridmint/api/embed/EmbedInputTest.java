package org.gridmint.api.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gridmint.api.embed.EmbedInput.Item;
import org.gridmint.api.embed.EmbedInput.Parsed;
import org.gridmint.api.json.InvalidInputException;
import org.gridmint.core.spec.EmbedSpec.InputFormat;
import org.gridmint.core.spec.FieldError;
import org.junit.jupiter.api.Test;

class EmbedInputTest {

    private static Parsed lines(String s) {
        return EmbedInput.parse(s.getBytes(StandardCharsets.UTF_8), InputFormat.LINES, null);
    }

    private static Parsed jsonl(String s) {
        return EmbedInput.parse(s.getBytes(StandardCharsets.UTF_8), InputFormat.JSONL, null);
    }

    private static List<String> errors(Parsed p) {
        return p.errors().stream().map(FieldError::toString).toList();
    }

    @Test
    void plainText_isOneItemPerLine_withItsLineNumberAsId() {
        Parsed p = lines("The cat sat.\nA dog ran.\nBirds fly");

        assertThat(p.valid()).isTrue();
        assertThat(p.items()).containsExactly(new Item("1", "The cat sat."), new Item("2", "A dog ran."), new Item("3", "Birds fly"));
    }

    @Test
    void blankLines_areSkipped_butStillCountForTheLineNumbers() {
        assertThat(lines("\nfirst\n   \n\t\nsecond\n\n").items()).containsExactly(new Item("2", "first"), new Item("5", "second"));
        assertThat(jsonl("\n{\"text\":\"a\"}\n \n{\"text\":\"b\"}\n").items()).containsExactly(new Item("2", "a"), new Item("4", "b"));
    }

    @Test
    void crlfLineEnds_leaveNoCarriageReturnInTheText() {
        assertThat(lines("one\r\ntwo\r\n").items()).containsExactly(new Item("1", "one"), new Item("2", "two"));
        assertThat(jsonl("{\"text\":\"one\"}\r\n").items()).containsExactly(new Item("1", "one"));
    }

    @Test
    void aByteOrderMark_atTheStart_isNotPartOfTheFirstItem() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', 'i'};

        assertThat(EmbedInput.parse(bom, InputFormat.LINES, null).items()).containsExactly(new Item("1", "hi"));
    }

    @Test
    void jsonLines_takeTheIdGiven_asAStringOrANumber_elseTheLineNumber() {
        Parsed p = jsonl("{\"id\":\"doc-a\",\"text\":\"alpha\"}\n{\"id\":42,\"text\":\"beta\"}\n{\"text\":\"gamma\",\"extra\":[1]}\n{\"id\":1.5,\"text\":\"d\"}");

        assertThat(p.valid()).isTrue();
        assertThat(p.items()).containsExactly(new Item("doc-a", "alpha"), new Item("42", "beta"), new Item("3", "gamma"), new Item("1.5", "d"));
    }

    @Test
    void jsonLines_readTheTextFieldNamed() {
        Parsed p = EmbedInput.parse("{\"body\":\"x\",\"text\":\"not this\"}".getBytes(StandardCharsets.UTF_8), InputFormat.JSONL, "body");

        assertThat(p.items()).containsExactly(new Item("1", "x"));
    }

    @Test
    void jsonLines_errorsNameEveryBadLine() {
        Parsed p = jsonl("{\"text\":\"ok\"}\n{not json\n[1,2]\n{\"txt\":\"typo\"}\n{\"text\":7}\n{\"id\":true,\"text\":\"x\"}\n{\"text\":\"a\"} trailing");

        assertThat(p.valid()).isFalse();
        assertThat(errors(p)).hasSize(6);
        assertThat(errors(p).get(0)).startsWith("input line 2: not JSON (");
        assertThat(errors(p).subList(1, 5)).containsExactly("input line 3: not a JSON object", "input line 4: no string field 'text'",
                "input line 5: no string field 'text'", "input line 6: field 'id' must be a string or a number");
        assertThat(errors(p).get(5)).startsWith("input line 7: not JSON (");
        assertThatThrownBy(p::itemsOrThrow).isInstanceOf(InvalidInputException.class).hasMessageContaining("input line 2: not JSON");
    }

    @Test
    void invalidUtf8_isNamedByLine() {
        byte[] bad = {'o', 'k', '\n', 'b', (byte) 0xC3, '(', '\n'};

        assertThat(errors(EmbedInput.parse(bad, InputFormat.LINES, null))).containsExactly("input line 2: is not valid UTF-8");
    }

    @Test
    void unicodeText_isKeptAsWritten() {
        assertThat(lines("naïve café — 東京 🚀\n").items()).containsExactly(new Item("1", "naïve café — 東京 🚀"));
    }

    @Test
    void anInputWithNoItems_isAnError() {
        assertThat(errors(lines("\n  \n"))).containsExactly("input: holds no items: every line is blank");
        assertThat(errors(lines(""))).containsExactly("input: holds no items: every line is blank");
    }

    @Test
    void manyBadLines_areListedUpToALimit_andTheRestCounted() {
        Parsed p = jsonl("x\n".repeat(EmbedInput.MAX_ERRORS + 7));

        assertThat(p.errors()).hasSize(EmbedInput.MAX_ERRORS + 1);
        assertThat(p.errors().getLast().toString()).isEqualTo("input: has 7 more bad lines");
    }

    @Test
    void stream_handsEachItemOnInOrder_withTheSameItemsAndErrorsAsParse_evenForLinesLongerThanItsReadChunk() throws Exception {
        String longText = "x".repeat(70_000) + "\u00e9";
        String input = "\uFEFF{\"text\":\"a\",\"id\":7}\r\n\n{\"text\":\"" + longText + "\"}\nnot json\n" + "{\"text\":\"z\"}";
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        List<Item> seen = new java.util.ArrayList<>();

        EmbedInput.Summary s = EmbedInput.stream(new java.io.ByteArrayInputStream(bytes), InputFormat.JSONL, null, seen::add);

        assertThat(seen).containsExactly(new Item("7", "a"), new Item("3", longText), new Item("5", "z"));
        assertThat(s.items()).isEqualTo(3);
        assertThat(s.errors()).singleElement().satisfies(e -> assertThat(e.toString()).contains("input line 4").contains("not JSON"));
        Parsed p = EmbedInput.parse(bytes, InputFormat.JSONL, null);
        assertThat(p.items()).isEqualTo(seen);
        assertThat(p.errors()).isEqualTo(s.errors());
    }

    @Test
    void stream_readsFromAnInputStreamInPieces_notAllAtOnce() throws Exception {
        // A stream that hands out at most 5 bytes per read, as a socket or a slow disk might: lines span several reads.
        byte[] bytes = "alpha\nbeta gamma delta\n\nepsilon".getBytes(StandardCharsets.UTF_8);
        var trickle = new java.io.FilterInputStream(new java.io.ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                return super.read(b, off, Math.min(len, 5));
            }
        };
        List<Item> seen = new java.util.ArrayList<>();

        EmbedInput.Summary s = EmbedInput.stream(trickle, InputFormat.LINES, null, seen::add);

        assertThat(s.valid()).isTrue();
        assertThat(seen).containsExactly(new Item("1", "alpha"), new Item("2", "beta gamma delta"), new Item("4", "epsilon"));
    }
}
