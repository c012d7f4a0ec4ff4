package org.gridmint.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.core.CoreFixtures.draft;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.gridmint.core.RandomCases;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.Requirements;
import org.gridmint.core.spec.EmbedSpec.InputFormat;
import org.gridmint.core.spec.EmbedSpec.Range;
import org.junit.jupiter.api.Test;

class EmbedSpecTest {

    private static EmbedSpec spec(int shard, Integer items) {
        return new EmbedSpec("all-minilm-l6-v2-q", "c.txt", InputFormat.LINES, null, shard, items);
    }

    @Test
    void taskCount_isItemsOverShardRoundedUp() {
        assertThat(spec(256, 1_000).taskCount()).isEqualTo(4);
        assertThat(spec(256, 1_024).taskCount()).isEqualTo(4);
        assertThat(spec(256, 1_025).taskCount()).isEqualTo(5);
        assertThat(spec(256, 1).taskCount()).isEqualTo(1);
    }

    @Test
    void taskCount_beforeTheItemsAreCounted_isOne() {
        assertThat(spec(256, null).taskCount()).isEqualTo(1);
    }

    @Test
    void range_lastShardIsShort() {
        var s = spec(256, 1_000);

        assertThat(s.range(0)).isEqualTo(new Range(0, 256));
        assertThat(s.range(2)).isEqualTo(new Range(512, 256));
        assertThat(s.range(3)).isEqualTo(new Range(768, 232));
    }

    @Test
    void range_exactMultiple_fillsEveryShard() {
        var s = spec(256, 1_024);

        assertThat(s.range(3)).isEqualTo(new Range(768, 256));
    }

    @Test
    void ranges_coverEveryItemOnceInOrder() {
        RandomCases.forEach(300, 0xE3BEDL, rnd -> List.of(1 + rnd.nextInt(50), 1 + rnd.nextInt(2_000)), c -> {
            var s = spec((Integer) c.get(0), (Integer) c.get(1));
            int next = 0;
            for (int t = 0; t < s.taskCount(); t++) {
                Range r = s.range(t);
                assertThat(r.first()).isEqualTo(next);
                assertThat(r.count()).isBetween(1, s.shard());
                next += r.count();
            }
            assertThat(next).isEqualTo(s.items());
        });
    }

    @Test
    void range_beforeTheItemsAreCounted_orOutsideTheTasks_isRefused() {
        assertThatThrownBy(() -> spec(256, null).range(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("not counted");
        assertThatThrownBy(() -> spec(256, 1_000).range(4)).isInstanceOf(IndexOutOfBoundsException.class).hasMessage("task 4 of 4");
        assertThatThrownBy(() -> spec(256, 1_000).range(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void inputFormat_followsTheExtension() {
        assertThat(InputFormat.forFile("a.jsonl")).isEqualTo(InputFormat.JSONL);
        assertThat(InputFormat.forFile("a.NDJSON")).isEqualTo(InputFormat.JSONL);
        assertThat(InputFormat.forFile("a.txt")).isEqualTo(InputFormat.LINES);
        assertThat(InputFormat.forFile("jsonl")).isEqualTo(InputFormat.LINES);
    }

    @Test
    void constructor_refusesATextFieldForPlainTextAndNoneForJsonLines() {
        assertThatThrownBy(() -> new EmbedSpec("m", "c.txt", InputFormat.LINES, "text", 1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EmbedSpec("m", "c.jsonl", InputFormat.JSONL, null, 1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EmbedSpec("M", "c.txt", InputFormat.LINES, null, 1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> spec(256, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jobSpec_embedRuntimeAndEmbedPart_goTogetherWithOneTaskPerShard() {
        var embed = spec(10, 25);
        List<List<String>> three = List.of(List.of(), List.of(), List.of());

        assertThat(jobSpec(Runtime.EMBED, three, embed).taskCount()).isEqualTo(3);
        assertThatThrownBy(() -> jobSpec(Runtime.EMBED, three, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jobSpec(Runtime.EXEC, three, embed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jobSpec(Runtime.EMBED, List.of(List.of()), embed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one task per shard (3)");
    }

    @Test
    void jobSpec_olderConstructors_makeExecJobsWithoutAnEmbedPart() {
        var spec = new JobSpec("j", Runtime.EXEC, List.of("true"), List.of(List.of()), List.of(), List.of(), Resources.DEFAULT, Credits.parse("1"),
                Duration.ofHours(1), 3, List.of(), false, null, null, VerifySpec.NONE, null);

        assertThat(spec.embed()).isNull();
        assertThat(spec.embeds()).isFalse();
        assertThat(spec.withVerify(VerifySpec.ADAPTIVE).embed()).isNull();
    }

    @Test
    void draft_olderConstructor_leavesTheEmbedKeysOut() {
        var d = new JobSpecDraft("j", null, List.of("true"), 1, null, null, null, null, null, null, null, null, null, null, null, null, BigDecimal.ONE);

        assertThat(List.of(d.minStake())).containsExactly(BigDecimal.ONE);
        assertThat(d.model()).isNull();
        assertThat(d.input()).isNull();
        assertThat(d.shard()).isNull();
        assertThat(d.textField()).isNull();
        assertThat(d.items()).isNull();
    }

    @Test
    void draft_withItems_replacesOnlyTheItemCount_andTheOtherWithersKeepTheEmbedKeys() {
        var d = draft().embedding("m", "c.jsonl").withShard(10).withTextField("body").withItems(7).build();

        var counted = d.withItems(1_000);
        assertThat(counted.items()).isEqualTo(1_000);
        assertThat(counted.withItems(null)).isEqualTo(d.withItems(null));
        assertThat(counted).usingRecursiveComparison().ignoringFields("items").isEqualTo(d);
        assertThat(d.withVerify(JobSpecDraft.VerifyDraft.ofPolicy("none"))).usingRecursiveComparison().ignoringFields("verify").isEqualTo(d);
        assertThat(d.withMinStake(BigDecimal.TEN)).usingRecursiveComparison().ignoringFields("minStake").isEqualTo(d);
    }

    @Test
    void requirementsOfAnEmbedJob_askForItsModel_andOfAnExecJobForNone() {
        var embed = (JobSpecValidator.Valid) JobSpecValidator.validate(draft().embedding("all-minilm-l6-v2-q", "c.txt").build());
        var exec = (JobSpecValidator.Valid) JobSpecValidator.validate(draft().build());

        assertThat(Requirements.of(embed.spec()).model()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(Requirements.of(exec.spec()).model()).isNull();
    }

    private static JobSpec jobSpec(Runtime runtime, List<List<String>> taskArgs, EmbedSpec embed) {
        return new JobSpec("j", runtime, List.of(), taskArgs, List.of(), List.of("embeddings.npy"), Resources.DEFAULT, Credits.parse("1"),
                Duration.ofHours(1), 3, List.of(), false, null, null, VerifySpec.NONE, null, embed);
    }
}
