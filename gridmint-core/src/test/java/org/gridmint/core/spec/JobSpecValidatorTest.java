package org.gridmint.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.core.CoreFixtures.draft;

import java.time.Duration;
import java.util.List;
import org.gridmint.core.DraftFixture;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobSpecValidatorTest {

    @Test
    void validate_minimalDraft_appliesDefaults() {
        JobSpec spec = valid(draft());

        assertThat(spec.name()).isEqualTo("render");
        assertThat(spec.runtime()).isEqualTo(Runtime.EXEC);
        assertThat(spec.taskCount()).isEqualTo(1);
        assertThat(spec.commandFor(0)).containsExactly("sh", "-c", "echo hi");
        assertThat(spec.timeout()).isEqualTo(Duration.ofHours(1));
        assertThat(spec.retries()).isEqualTo(3);
        assertThat(spec.maxPrice()).isEqualTo(Credits.parse("1"));
        assertThat(spec.resources()).isEqualTo(Resources.DEFAULT);
        assertThat(spec.files()).isEmpty();
        assertThat(spec.outputs()).isEmpty();
        assertThat(spec.regions()).isEmpty();
        assertThat(spec.network()).isFalse();
        assertThat(spec.checkpointInterval()).isNull();
        assertThat(spec.checkpoints()).isFalse();
        assertThat(spec.verify()).as("the issue's default for a spec without a verify key").isEqualTo(VerifySpec.ADAPTIVE);
        assertThat(spec.minStake()).isNull();
    }

    @Test
    void validate_whenDraftMissing_saysSpecIsRequired() {
        assertThat(((JobSpecValidator.Invalid) JobSpecValidator.validate(null)).errors())
                .containsExactly(new FieldError("spec", "is required"));
    }

    @Test
    void validate_nameAndCommandAndRuntime_areNamedWhenWrong() {
        assertThat(errors(draft().withName(null))).containsExactly("name: is required");
        assertThat(errors(draft().withName("-x"))).singleElement().asString().startsWith("name: must be 1-128 characters");
        assertThat(errors(draft().withCommand(null)))
                .containsExactly("command: is required: a list of strings, e.g. [\"sh\", \"-c\", \"echo hi\"]");
        assertThat(errors(draft().withRuntime("docker"))).containsExactly("runtime: unknown runtime 'docker' (known: exec, embed)");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 100_001})
    void validate_whenTaskCountOutOfRange_namesTasks(int tasks) {
        assertThat(errors(draft().withTasks(tasks))).containsExactly("tasks: must be between 1 and 100000, was " + tasks);
    }

    @Test
    void validate_taskCountAtLimits_isAccepted() {
        assertThat(valid(draft().withTasks(1)).taskCount()).isEqualTo(1);
        assertThat(valid(draft().withTasks(100_000)).taskCount()).isEqualTo(100_000);
    }

    @Test
    void validate_args_giveOneTaskPerList() {
        JobSpec spec = valid(draft().withArgs(List.of(List.of("a.png"), List.of("b.png", "--fast"))));

        assertThat(spec.taskCount()).isEqualTo(2);
        assertThat(spec.commandFor(1)).containsExactly("sh", "-c", "echo hi", "b.png", "--fast");
        assertThat(valid(draft().withTasks(2).withArgs(List.of(List.of("a"), List.of("b")))).taskCount()).isEqualTo(2);
    }

    @Test
    void validate_whenTasksDisagreesWithArgs_namesTasks() {
        assertThat(errors(draft().withTasks(3).withArgs(List.of(List.of("a"), List.of("b")))))
                .containsExactly("tasks: is 3 but args lists 2 tasks; give one or make them agree");
    }

    @Test
    void validate_whenArgsEmpty_namesArgs() {
        assertThat(errors(draft().withArgs(List.of()))).containsExactly("args: must list between 1 and 100000 tasks' arguments, was 0");
    }

    @Test
    void validate_files_keepBaseNames() {
        assertThat(valid(draft().withFiles("data/in.csv", "model.bin", "weights/")).files()).containsExactly("in.csv", "model.bin", "weights");
    }

    @Test
    void validate_whenTwoFilesShareABaseName_namesTheSecond() {
        assertThat(errors(draft().withFiles("a/data.csv", "b/data.csv")))
                .containsExactly("files[1]: two files are both named 'data.csv': every task's work dir holds them side by side");
    }

    @Test
    void validate_whenFileNameUnsafe_namesTheFile() {
        assertThat(errors(draft().withFiles("ok.txt", "dir/..")))
                .containsExactly("files[1]: file name '..' must be 1-255 of A-Z a-z 0-9 _ . -");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../out.txt", "out/../../etc", "..", "/abs/out.json", "out\\x.json"})
    void validate_whenOutputEscapesWorkDir_namesTheOutput(String output) {
        assertThat(errors(draft().withOutputs("out/*.json", output)))
                .containsExactly("outputs[1]: must be relative to the work dir, without '..': '" + output + "'");
    }

    @Test
    void validate_relativeOutputs_areKept() {
        assertThat(valid(draft().withOutputs("out/*.json", "a..b/c")).outputs()).containsExactly("out/*.json", "a..b/c");
    }

    @Test
    void validate_timeout_parsesSimpleAndIsoForms() {
        assertThat(valid(draft().withTimeout("90s")).timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(valid(draft().withTimeout("PT30M")).timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(valid(draft().withTimeout("7d")).timeout()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void validate_whenTimeoutBad_namesTimeout() {
        assertThat(errors(draft().withTimeout("soon"))).containsExactly("timeout: not a duration: 'soon' (use e.g. 90s, 30m, 2h or PT30M)");
        assertThat(errors(draft().withTimeout("999ms"))).containsExactly("timeout: must be between 1s and 7d, was 999ms");
        assertThat(errors(draft().withTimeout("8d"))).containsExactly("timeout: must be between 1s and 7d, was 8d");
    }

    @Test
    void validate_checkpointInterval_parsesSimpleAndIsoFormsWithinLimits() {
        assertThat(valid(draft().withCheckpointInterval("30s")).checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(valid(draft().withCheckpointInterval("PT2M")).checkpointInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(valid(draft().withCheckpointInterval("1s")).checkpointInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(valid(draft().withCheckpointInterval("1h")).checkpointInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(valid(draft().withCheckpointInterval("1h")).checkpoints()).isTrue();
    }

    @Test
    void validate_speculation_defaultsToTwiceTheMedianTwoBackupsAtOnce() {
        assertThat(valid(draft()).speculation()).isEqualTo(SpeculationSpec.DEFAULT);
        assertThat(valid(draft().withSpeculation(null, null, null)).speculation()).isEqualTo(new SpeculationSpec(2.0, 2));
    }

    @Test
    void validate_speculation_takesSlowdownAndMaxBackups() {
        assertThat(valid(draft().withSpeculation(null, "1.5", 4)).speculation()).isEqualTo(new SpeculationSpec(1.5, 4));
        assertThat(valid(draft().withSpeculation(true, "3", null)).speculation()).isEqualTo(new SpeculationSpec(3, 2));
    }

    @Test
    void validate_speculation_offByEnabledFalseOrNoBackups() {
        assertThat(valid(draft().withSpeculation(false, null, null)).speculation().enabled()).isFalse();
        assertThat(valid(draft().withSpeculation(null, null, 0)).speculation().enabled()).isFalse();
    }

    @Test
    void validate_whenSpeculationBad_namesTheField() {
        assertThat(errors(draft().withSpeculation(null, "0.9", null)))
                .containsExactly("speculation.slowdown: must be between 1 and 100 (times the job's median runtime), was 0.9");
        assertThat(errors(draft().withSpeculation(null, "101", null)))
                .containsExactly("speculation.slowdown: must be between 1 and 100 (times the job's median runtime), was 101");
        assertThat(errors(draft().withSpeculation(null, null, -1))).containsExactly("speculation.maxBackups: must be between 0 and 1000, was -1");
        assertThat(errors(draft().withSpeculation(false, "2", null)))
                .containsExactly("speculation.enabled: is false, so slowdown and maxBackups would be ignored; drop them or the enabled flag");
    }

    @Test
    void validate_whenCheckpointIntervalBad_namesCheckpointInterval() {
        assertThat(errors(draft().withCheckpointInterval("often")))
                .containsExactly("checkpoint.interval: not a duration: 'often' (use e.g. 90s, 30m, 2h or PT30M)");
        assertThat(errors(draft().withCheckpointInterval("999ms"))).containsExactly("checkpoint.interval: must be between 1s and 1h, was 999ms");
        assertThat(errors(draft().withCheckpointInterval("61m"))).containsExactly("checkpoint.interval: must be between 1s and 1h, was 61m");
        assertThat(errors(draft().withCheckpointInterval(null))).containsExactly("checkpoint.interval: is required in a checkpoint block, e.g. 30s");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 21})
    void validate_whenRetriesOutOfRange_namesRetries(int retries) {
        assertThat(errors(draft().withRetries(retries))).containsExactly("retries: must be between 0 and 20, was " + retries);
    }

    @Test
    void validate_retriesAtLimits_areAccepted() {
        assertThat(valid(draft().withRetries(0)).retries()).isZero();
        assertThat(valid(draft().withRetries(20)).retries()).isEqualTo(20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "0", "0.000000", "10000.000001"})
    void validate_whenMaxPriceOutOfRange_namesMaxPrice(String price) {
        assertThat(errors(draft().withMaxPrice(price)))
                .containsExactly("maxPrice: must be more than 0 and at most 10000 credits per hour, was " + price);
    }

    @Test
    void validate_whenMaxPriceHasMoreThanSixDecimals_namesMaxPrice() {
        assertThat(errors(draft().withMaxPrice("0.0000001"))).containsExactly("maxPrice: credits have at most 6 decimals: 0.0000001");
    }

    @Test
    void validate_maxPriceAtLimits_isAccepted() {
        assertThat(valid(draft().withMaxPrice("0.000001")).maxPrice()).isEqualTo(Credits.ofMicros(1));
        assertThat(valid(draft().withMaxPrice("10000")).maxPrice()).isEqualTo(Credits.parse("10000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"EU-West", "-eu", "eu west", ""})
    void validate_whenRegionMalformed_namesTheRegion(String region) {
        assertThat(errors(draft().withRegions("eu-west", region)))
                .containsExactly("regions[1]: must be a region name of lower-case letters, digits and '-', was '" + region + "'");
    }

    @Test
    void validate_whenGpuModelOrGpuMemoryWithoutGpus_namesGpus() {
        String expected = "resources.gpus: must be at least 1 when gpuModel or minGpuMemoryMb is set";
        assertThat(errors(draft().withResources(null, null, null, "T4", null))).containsExactly(expected);
        assertThat(errors(draft().withResources(null, null, 0, null, 16_000L))).containsExactly(expected);
    }

    @Test
    void validate_resources_keepWhatWasAsked() {
        assertThat(valid(draft().withResources(4, 8192L, 1, "T4", 15_000L)).resources())
                .isEqualTo(new Resources(4, 8192, 1, "T4", 15_000));
    }

    @Test
    void validate_whenResourcesOutOfRange_namesEachField() {
        assertThat(errors(draft().withResources(0, 0L, 65, null, -1L))).containsExactly(
                "resources.cpu: must be between 1 and 1024, was 0",
                "resources.memoryMb: must be between 1 and 4194304, was 0",
                "resources.gpus: must be between 0 and 64, was 65",
                "resources.minGpuMemoryMb: must be between 0 and 1048576, was -1");
    }

    @Test
    void validate_whenManyFieldsWrong_listsEveryProblem() {
        var d = draft().withName(null).withTasks(0).withFiles("a/x", "b/x").withOutputs("../o").withMaxPrice("0")
                .withTimeout("later").withRetries(99).withRegions("EU").withResources(null, null, null, "T4", null);

        assertThat(fields(d)).containsExactly(
                "name", "tasks", "files[1]", "outputs[0]", "resources.gpus", "maxPrice", "timeout", "retries", "regions[0]");
    }

    private static JobSpec valid(DraftFixture d) {
        var result = JobSpecValidator.validate(d.build());
        assertThat(result).as("expected a valid spec").isInstanceOf(JobSpecValidator.Valid.class);
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
