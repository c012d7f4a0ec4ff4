package org.gridmint.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.gridmint.api.json.JobSpecFiles;
import org.gridmint.core.spec.JobSpecDraft;
import org.gridmint.core.spec.JobSpecValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataTest {
    @TempDir
    Path dir;

    @Test
    void extract_writesTheExampleEmbedJob_withWordNetsLicenceBesideTheCorpus() throws Exception {
        Path spec = DemoData.extract(dir);

        assertThat(spec).isEqualTo(dir.resolve("embed-glosses.yaml"));
        assertThat(Files.readString(dir.resolve(DemoData.LICENSE))).contains("WordNet 3.0 Copyright 2006 by Princeton University")
                .contains("PROVIDED \"AS IS\"");
        JobSpecDraft draft = JobSpecFiles.read(spec);
        assertThat(draft.runtime()).isEqualTo("embed");
        assertThat(draft.model()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(draft.input()).isEqualTo(DemoData.CORPUS);
        assertThat(draft.shard()).isEqualTo(128);
        assertThat(draft.verify()).as("embed jobs verify adaptively by default").isNull();
        assertThat(JobSpecValidator.validate(draft.withItems(3000))).isInstanceOf(JobSpecValidator.Valid.class);
    }

    @Test
    void items_areTheCorpusLines_threeThousandDistinctWordAndGlossPairs() throws Exception {
        DemoData.extract(dir);

        List<String> items = DemoData.items(dir);

        assertThat(items).hasSize(3000).doesNotContain("").allMatch(l -> l.matches("[^:]+: \\S.*"), "word: gloss");
        assertThat(new HashSet<>(items)).hasSize(3000);
        assertThat(items).contains("tide: the periodic rise and fall of the sea level under the gravitational pull of the moon");
        for (String answer : List.of("nightingale: ", "mosquito: ", "epidemic: "))
            assertThat(items).as("the demo's queries have their answers in the corpus").anyMatch(l -> l.startsWith(answer));
    }
}
