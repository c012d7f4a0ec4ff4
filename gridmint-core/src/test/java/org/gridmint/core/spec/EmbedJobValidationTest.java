package org.gridmint.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.core.CoreFixtures.draft;

import java.math.BigDecimal;
import java.util.List;
import org.gridmint.core.DraftFixture;
import org.gridmint.core.spec.Comparison.Format;
import org.gridmint.core.spec.EmbedSpec.InputFormat;
import org.gridmint.core.spec.JobSpecDraft.CompareDraft;
import org.gridmint.core.spec.JobSpecDraft.VerifyDraft;
import org.gridmint.core.spec.VerifySpec.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The validator's rules for {@code runtime: embed}, and for the embed keys on an exec job. */
class EmbedJobValidationTest {
    private static final String MODEL = "all-minilm-l6-v2-q";
    private static final String WHY = "is not used by runtime embed: an embed job runs its model on its input";

    private static DraftFixture embed() {
        return draft().embedding(MODEL, "corpus.txt");
    }

    @Test
    void embedJob_minimal_getsDefaultShardOneTaskAndTheEmbeddingsOutput() {
        JobSpec spec = valid(embed());

        assertThat(spec.runtime()).isEqualTo(Runtime.EMBED);
        assertThat(spec.embed()).isEqualTo(new EmbedSpec(MODEL, "corpus.txt", InputFormat.LINES, null, 256, null));
        assertThat(spec.command()).isEmpty();
        assertThat(spec.taskArgs()).containsExactly(List.of());
        assertThat(spec.outputs()).containsExactly("embeddings.npy");
        assertThat(spec.embeds()).isTrue();
    }

    @Test
    void embedJob_withCountedItems_hasOneTaskPerShard() {
        JobSpec spec = valid(embed().withShard(100).withItems(1_001));

        assertThat(spec.taskCount()).isEqualTo(11);
        assertThat(spec.taskArgs()).allSatisfy(a -> assertThat(a).isEmpty());
        assertThat(spec.embed().items()).isEqualTo(1_001);
    }

    @Test
    void embedJob_command_isRefusedSayingWhy() {
        assertThat(errors(embed().withCommand(List.of("python", "embed.py")))).containsExactly("command: " + WHY + "; drop it");
    }

    @Test
    void embedJob_argsTasksOutputsAndCheckpoint_areEachRefusedByName() {
        var d = embed().withArgs(List.of(List.of("a"))).withTasks(1).withOutputs("out.npy").withCheckpointInterval("30s");

        assertThat(fields(d)).containsExactly("args", "tasks", "outputs", "checkpoint");
        assertThat(errors(d)).allSatisfy(e -> assertThat(e).contains(WHY));
    }

    @Test
    void embedJob_withoutModel_saysTheModelIsRequired() {
        assertThat(errors(embed().withModel(null)))
                .containsExactly("model: is required for runtime embed: the model's name, e.g. all-minilm-l6-v2-q");
    }

    @ParameterizedTest
    @ValueSource(strings = {"MiniLM", "-minilm", "a/b", "mini lm", "x12345678901234567890123456789012345678901234567890123456789012345"})
    void embedJob_malformedModelName_isRefusedNamingIt(String model) {
        assertThat(errors(embed().withModel(model))).singleElement().asString().startsWith("model: must be 1-64 of lower-case letters").endsWith("was '" + model + "'");
    }

    @Test
    void embedJob_wellFormedModelCoreDoesNotKnow_isLeftToTheCoordinator() {
        assertThat(valid(embed().withModel("some-future-model.v2")).embed().model()).isEqualTo("some-future-model.v2");
    }

    @Test
    void embedJob_withoutInput_saysTheInputIsRequired() {
        assertThat(fields(embed().withInput(null))).containsExactly("input");
        assertThat(errors(embed().withInput(" "))).singleElement().asString().startsWith("input: is required for runtime embed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"data/corpus.txt", "/etc/passwd", "..", "my corpus.txt", "a\\b.txt"})
    void embedJob_inputThatIsNotAPlainFileName_isRefused(String input) {
        assertThat(errors(embed().withInput(input))).singleElement().asString()
                .isEqualTo("input: must be a plain file name of 1-255 of A-Z a-z 0-9 _ . - (no directories), was '" + input + "'");
    }

    @Test
    void embedJob_inputExtension_choosesJsonLinesOrPlainText() {
        assertThat(valid(draft().embedding(MODEL, "c.jsonl")).embed().format()).isEqualTo(InputFormat.JSONL);
        assertThat(valid(draft().embedding(MODEL, "c.NDJSON")).embed().format()).isEqualTo(InputFormat.JSONL);
        assertThat(valid(draft().embedding(MODEL, "c.json")).embed().format()).isEqualTo(InputFormat.LINES);
        assertThat(valid(draft().embedding(MODEL, "c.txt")).embed().format()).isEqualTo(InputFormat.LINES);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 10_001})
    void embedJob_shardOutOfRange_isRefusedNamingShard(int shard) {
        assertThat(errors(embed().withShard(shard))).containsExactly("shard: must be between 1 and 10000 (items per task), was " + shard);
    }

    @Test
    void embedJob_shardAtLimits_isAccepted() {
        assertThat(valid(embed().withShard(1).withItems(3)).taskCount()).isEqualTo(3);
        assertThat(valid(embed().withShard(10_000).withItems(10_001)).taskCount()).isEqualTo(2);
    }

    @Test
    void embedJob_jsonLines_defaultsTheTextFieldToText() {
        assertThat(valid(draft().embedding(MODEL, "c.jsonl")).embed().textField()).isEqualTo("text");
    }

    @Test
    void embedJob_jsonLines_takesTheTextFieldItNames() {
        assertThat(valid(draft().embedding(MODEL, "c.jsonl").withTextField("body")).embed().textField()).isEqualTo("body");
    }

    @Test
    void embedJob_textFieldForPlainText_isRefused() {
        assertThat(errors(embed().withTextField("body"))).containsExactly(
                "textField: is only for JSON Lines input (.jsonl or .ndjson); 'corpus.txt' is read as plain text, one item per line");
    }

    @Test
    void embedJob_blankTextField_isRefused() {
        assertThat(fields(draft().embedding(MODEL, "c.jsonl").withTextField(" "))).containsExactly("textField");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -5, 10_000_001})
    void embedJob_itemsOutOfRange_isRefusedNamingItems(int items) {
        assertThat(errors(embed().withItems(items))).containsExactly("items: must be between 1 and 10000000 (the input's items), was " + items);
    }

    @Test
    void embedJob_itemsAtTheLimit_isAcceptedWithAShardThatKeepsTasksInBounds() {
        assertThat(valid(embed().withItems(10_000_000).withShard(100)).taskCount()).isEqualTo(100_000);
    }

    @Test
    void embedJob_cutIntoMoreTasksThanAJobMayHave_namesShardAndTheLeastThatFits() {
        assertThat(errors(embed().withItems(10_000_000).withShard(99)))
                .containsExactly("shard: cuts 10000000 items into 101011 tasks, more than 100000; use a shard of at least 100");
    }

    @Test
    void execJob_withEmbedKeys_refusesEachByName() {
        var d = draft().withModel(MODEL).withInput("c.txt").withShard(10).withTextField("text").withItems(5);

        assertThat(fields(d)).containsExactly("model", "input", "shard", "textField", "items");
        assertThat(errors(d).getFirst()).isEqualTo("model: is only for runtime embed, but the runtime is exec");
    }

    @Test
    void embedJob_withoutVerifyKey_isAdaptiveComparingEachVectorByCosine() {
        VerifySpec v = valid(embed()).verify();

        assertThat(v).isEqualTo(VerifySpec.adaptive(new Comparison(Format.NPY, 0, 0, 0.9999)));
        assertThat(v.comparison().elementwise()).as("cosine only, no abs/rel").isFalse();
    }

    @Test
    void embedJob_verifyKeyWithoutCompare_getsTheCosineCompareToo() {
        VerifySpec v = valid(embed().withVerify(new VerifyDraft(null, 3, null, null, null))).verify();

        assertThat(v.policy()).isEqualTo(Policy.REPLICAS);
        assertThat(v.comparison()).isEqualTo(new Comparison(Format.NPY, 0, 0, 0.9999));
        assertThat(valid(embed().withVerify("adaptive")).verify().comparison()).isEqualTo(new Comparison(Format.NPY, 0, 0, 0.9999));
    }

    @Test
    void embedJob_verifyNone_comparesNothing() {
        assertThat(valid(embed().withVerify("none")).verify()).isEqualTo(VerifySpec.NONE);
    }

    @Test
    void embedJob_compareFormatOtherThanNpy_isRefusedOnTheFormat() {
        var d = embed().withVerify(new VerifyDraft(null, null, null, null, new CompareDraft("json", null, null, null)));

        assertThat(errors(d)).containsExactly("verify.compare.format: must be npy for runtime embed (its output is embeddings.npy), was 'json'");
    }

    @Test
    void embedJob_compareWithoutFormat_readsTheOutputAsNpy() {
        var d = embed().withVerify(new VerifyDraft("adaptive", null, null, null, new CompareDraft(null, null, null, new BigDecimal("0.999"))));

        assertThat(valid(d).verify().comparison()).isEqualTo(new Comparison(Format.NPY, 0, 0, 0.999));
    }

    @Test
    void embedJob_compareWithTolerances_keepsThem() {
        var d = embed().withVerify(new VerifyDraft(null, 2, null, null, new CompareDraft("npy", new BigDecimal("1e-6"), new BigDecimal("1e-3"), null)));

        assertThat(valid(d).verify().comparison()).isEqualTo(new Comparison(Format.NPY, 1e-6, 1e-3, 0));
    }

    private static JobSpec valid(DraftFixture d) {
        var result = JobSpecValidator.validate(d.build());
        assertThat(result).as("expected a valid spec, got %s", result).isInstanceOf(JobSpecValidator.Valid.class);
        return ((JobSpecValidator.Valid) result).spec();
    }

    private static List<FieldError> invalid(DraftFixture d) {
        var result = JobSpecValidator.validate(d.build());
        assertThat(result).as("expected an invalid spec").isInstanceOf(JobSpecValidator.Invalid.class);
        return ((JobSpecValidator.Invalid) result).errors();
    }

    private static List<String> errors(DraftFixture d) {
        return invalid(d).stream().map(FieldError::toString).toList();
    }

    private static List<String> fields(DraftFixture d) {
        return invalid(d).stream().map(FieldError::field).toList();
    }
}
