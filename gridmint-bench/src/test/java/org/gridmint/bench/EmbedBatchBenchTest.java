package org.gridmint.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gridmint.core.spec.JobSpecValidator;
import org.junit.jupiter.api.Test;

/** The options of {@link EmbedBatchBench}, its report's arithmetic and its input; the runs themselves need agent JVMs. */
class EmbedBatchBenchTest {
    @Test
    void parse_withoutFlags_givesTheDefaultSetUps() {
        EmbedBatchOptions o = EmbedBatchOptions.parse();
        assertThat(o.configs()).containsExactly(new EmbedBatchOptions.Config(1, 2, "none"), new EmbedBatchOptions.Config(1, 1, "none"),
                new EmbedBatchOptions.Config(2, 1, "none"));
        assertThat(o.reps()).isEqualTo(3);
        assertThat(o.items()).isEqualTo(4000);
        assertThat(o.shard()).isEqualTo(100);
        assertThat(o.input()).isNull();
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void parse_readsEveryFlag() {
        EmbedBatchOptions o = EmbedBatchOptions.parse("--configs", "1xd, 2x1:adaptive,1x1s2", "--reps", "2", "--items", "500", "--shard", "25",
                "--input", "corpus.txt", "--seed", "9", "--agent-heap", "1g", "--timeout-s", "30", "--keep-data");
        assertThat(o.configs()).containsExactly(new EmbedBatchOptions.Config(1, 0, "none"), new EmbedBatchOptions.Config(2, 1, "adaptive"),
                new EmbedBatchOptions.Config(1, 1, 2, "none"));
        assertThat(o.configsLabel()).isEqualTo("1xd,2x1:adaptive,1x1s2");
        assertThat(o).extracting(EmbedBatchOptions::reps, EmbedBatchOptions::items, EmbedBatchOptions::shard, EmbedBatchOptions::input,
                EmbedBatchOptions::seed, EmbedBatchOptions::agentHeap, EmbedBatchOptions::timeout, EmbedBatchOptions::keepData)
                .containsExactly(2, 500, 25, Path.of("corpus.txt"), 9L, "1g", Duration.ofSeconds(30), true);
    }

    @Test
    void parse_badValues_nameTheFlag() {
        assertThatThrownBy(() -> EmbedBatchOptions.parse("--configs", "2by1")).hasMessageContaining("--configs").hasMessageContaining("'2by1'");
        assertThatThrownBy(() -> EmbedBatchOptions.parse("--configs", "0x1")).hasMessageContaining("--configs: providers");
        assertThatThrownBy(() -> EmbedBatchOptions.parse("--configs", "1x1s0")).hasMessageContaining("--configs: slots must be between 1 and 64, was 0");
        assertThatThrownBy(() -> EmbedBatchOptions.parse("--configs", "1x1:always")).hasMessageContaining("verify must be none or adaptive");
        assertThatThrownBy(() -> EmbedBatchOptions.parse("--shard", "0")).hasMessageContaining("--shard must be between 1 and 10000, was 0");
        assertThatThrownBy(() -> EmbedBatchOptions.parse("--items", "many")).hasMessageContaining("--items must be a whole number, was 'many'");
        assertThatThrownBy(() -> EmbedBatchOptions.parse("--reps")).hasMessageContaining("--reps needs a value");
        assertThatThrownBy(() -> EmbedBatchOptions.parse("--agent-heap", "lots")).hasMessageContaining("--agent-heap");
        assertThatThrownBy(() -> EmbedBatchOptions.parse("--bogus", "1")).hasMessageContaining("unknown option --bogus");
    }

    @Test
    void itemsOf_coversTheInputExactlyOnce_withAShortLastShard() {
        assertThat(EmbedBatchReport.itemsOf(0, 250, 100)).isEqualTo(100);
        assertThat(EmbedBatchReport.itemsOf(2, 250, 100)).isEqualTo(50);
        assertThat(EmbedBatchReport.itemsOf(3, 250, 100)).isZero();
    }

    @Test
    void efficiency_isTheRateOverNTimesTheOneProviderRate() {
        assertThat(EmbedBatchReport.efficiency(180, 2, 100)).isCloseTo(0.9, within(1e-12));
        assertThat(EmbedBatchReport.median(3, 1, 2)).isEqualTo(2);
        assertThat(EmbedBatchReport.median(4, 1, 3, 2)).isEqualTo(2.5);
    }

    @Test
    void report_printsMediansAndEfficiencyOfEachMultiProviderSetUpAgainstEachOneProviderSetUp() {
        List<EmbedBatchReport.Run> runs = List.of(run("1x1", 1, 1, 40), run("2x1", 2, 1, 25), run("1x1", 1, 2, 50), run("2x1", 2, 2, 20),
                run("1x1", 1, 3, 45), run("2x1", 2, 3, 30), run("2x1:adaptive", 2, 1, 50));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new EmbedBatchReport(runs, Map.of("cpus", "2")).print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        // 1000 items: 1x1 medians 45 s -> 22.2 items/s; 2x1 25 s -> 40 items/s; efficiency 40 / (2 x 22.2) = 0.90.
        assertThat(out).contains("| 1x1 | 3 | 22.2 (20.0-25.0)").contains("| 2x1 | 3 | 40.0 (33.3-50.0)").contains("| 2x1 vs 1x1 | 0.90 |")
                .doesNotContain("2x1:adaptive vs 1x1");
    }

    @Test
    void sentences_areFixedBySeedAndVaried_andTheSpecIsAValidEmbedJob() {
        List<String> a = EmbedBatchBench.sentences(2000, new Random(6));
        assertThat(a).isEqualTo(EmbedBatchBench.sentences(2000, new Random(6))).allMatch(s -> !s.isBlank() && s.endsWith("."));
        assertThat(new HashSet<>(a).size()).isGreaterThan(1900);
        assertThat(JobSpecValidator.validate(EmbedBatchBench.spec("measured", "input.txt", 100, "none").withItems(4000)))
                .isInstanceOf(JobSpecValidator.Valid.class);
    }

    private static EmbedBatchReport.Run run(String config, int providers, int rep, double seconds) {
        return new EmbedBatchReport.Run(config, providers, rep, "SUCCEEDED", 1000, 10, seconds, seconds - 0.5, Map.of("embed-01", 1000), 10, 2, "1 1 1", 10);
    }
}
