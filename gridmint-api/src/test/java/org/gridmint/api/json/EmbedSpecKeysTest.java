package org.gridmint.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gridmint.core.spec.FieldError;
import org.gridmint.core.spec.JobSpecDraft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embed runtime's spec keys, read from YAML and JSON and written back as they were read. */
class EmbedSpecKeysTest {

    @Test
    void yamlSpec_readsTheEmbedKeys(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("embed.yaml");
        Files.writeString(spec, "name: corpus\nruntime: embed\nmodel: all-minilm-l6-v2-q\ninput: corpus.jsonl\nshard: 128\ntextField: body\n");

        JobSpecDraft d = JobSpecFiles.read(spec);

        assertThat(d.runtime()).isEqualTo("embed");
        assertThat(d.model()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(d.input()).isEqualTo("corpus.jsonl");
        assertThat(d.shard()).isEqualTo(128);
        assertThat(d.textField()).isEqualTo("body");
        assertThat(d.items()).isNull();
        assertThat(d.command()).isNull();
    }

    @Test
    void jsonDraft_withCountedItems_roundTrips_andLeavesUnsetKeysOut() {
        var d = Json.read("{\"name\":\"c\",\"runtime\":\"embed\",\"model\":\"m\",\"input\":\"c.txt\"}".getBytes(StandardCharsets.UTF_8), JobSpecDraft.class)
                .withItems(1_000);

        String written = Json.writeString(d);

        assertThat(written).contains("\"items\":1000").doesNotContain("shard").doesNotContain("textField");
        assertThat(Json.read(Json.write(d), JobSpecDraft.class)).isEqualTo(d);
    }

    @Test
    void embedKeys_ofTheWrongType_andUnknownKeys_areNamed() {
        byte[] body = "{\"name\":\"c\",\"runtime\":\"embed\",\"model\":[\"m\"],\"shard\":\"big\",\"modle\":\"m\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Json.read(body, JobSpecDraft.class)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("model", "shard", "modle"));
    }
}
