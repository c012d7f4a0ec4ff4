package org.gridmint.api.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gridmint.api.embed.EmbedInput.Item;
import org.gridmint.api.embed.ShardFile.Entry;
import org.gridmint.api.json.InvalidInputException;
import org.junit.jupiter.api.Test;

class ShardFileTest {

    @Test
    void write_thenRead_givesEveryItemWithItsIndexInTheWholeInput() {
        var items = List.of(new Item("7", "plain"), new Item("doc-b", "line one\nline two\r\n\ttabbed \"quoted\" \\ back"),
                new Item("x", "naïve café — 東京 🚀 \u2028 \u0000 end"));

        List<Entry> read = ShardFile.read(ShardFile.write(512, items));

        assertThat(read).containsExactly(new Entry(512, "7", "plain"), new Entry(513, "doc-b", "line one\nline two\r\n\ttabbed \"quoted\" \\ back"),
                new Entry(514, "x", "naïve café — 東京 🚀 \u2028 \u0000 end"));
    }

    @Test
    void write_isOneJsonObjectPerLine_inUtf8() {
        String text = new String(ShardFile.write(0, List.of(new Item("1", "a\nb"), new Item("2", "é"))), StandardCharsets.UTF_8);

        assertThat(text).isEqualTo("{\"i\":0,\"id\":\"1\",\"text\":\"a\\nb\"}\n{\"i\":1,\"id\":\"2\",\"text\":\"é\"}\n");
    }

    @Test
    void anEmptyShard_isAnEmptyFile() {
        assertThat(ShardFile.write(3, List.of())).isEmpty();
        assertThat(ShardFile.read(new byte[0])).isEmpty();
    }

    @Test
    void read_malformedLines_areNamedByLine() {
        assertThatThrownBy(() -> ShardFile.read("{\"i\":0,\"id\":\"1\",\"text\":\"a\"}\n{oops\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("shard.jsonl line 2: not JSON");
        assertThatThrownBy(() -> ShardFile.read("{\"i\":-1,\"id\":\"1\",\"text\":\"a\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("shard.jsonl line 1: field 'i' must be an integer >= 0");
        assertThatThrownBy(() -> ShardFile.read("{\"i\":0,\"id\":1,\"text\":\"a\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("shard.jsonl line 1: field 'id' must be a string");
        assertThatThrownBy(() -> ShardFile.read("{\"i\":0,\"id\":\"1\",\"text\":\"a\",\"more\":1}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("shard.jsonl line 1: must have exactly the fields i, id and text");
        assertThatThrownBy(() -> ShardFile.read(new byte[] {'{', (byte) 0xC3, '}'})).hasMessage("shard.jsonl: is not valid UTF-8");
    }
}
