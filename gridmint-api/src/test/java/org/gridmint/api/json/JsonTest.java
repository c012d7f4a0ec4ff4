package org.gridmint.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.gridmint.api.ClaimRequest;
import org.gridmint.api.HeartbeatResponse;
import org.gridmint.api.SubmitJobRequest;
import org.gridmint.core.spec.FieldError;
import org.gridmint.core.spec.JobSpecDraft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static java.util.List<String> fields(Runnable r) {
        try {
            r.run();
        } catch (InvalidInputException e) {
            return e.errors().stream().map(FieldError::field).toList();
        }
        throw new AssertionError("expected InvalidInputException");
    }

    @Test
    void amounts_areWrittenPlain_neverInExponentNotation() {
        var w = new org.gridmint.api.WalletView("acct-a", new java.math.BigDecimal("10").stripTrailingZeros(), new java.math.BigDecimal("0.000001"),
                java.math.BigDecimal.ZERO);

        assertThat(new String(Json.write(w), StandardCharsets.UTF_8)).contains("\"balance\":10,", "\"inEscrow\":0.000001,", "\"earned\":0");
    }

    @Test
    void read_validBody_roundTrips() {
        var r = new HeartbeatResponse("RUNNING", false, Instant.parse("2026-11-25T10:00:00.123Z"), null);
        assertThat(Json.read(Json.write(r), HeartbeatResponse.class)).isEqualTo(r);
        assertThat(Json.writeString(r)).as("an agent from before drains refuses unknown fields").doesNotContain("drain");
        var drain = new HeartbeatResponse("RUNNING", false, Instant.parse("2026-11-25T10:00:00.123Z"), true);
        assertThat(Json.read(Json.write(drain), HeartbeatResponse.class).drainRequested()).isTrue();
        assertThat(Json.writeString(r)).contains("\"leaseExpiresAt\":\"2026-11-25T10:00:00.123Z\"");
    }

    @Test
    void read_listsEveryUnknownFieldAndWrongType_notJustTheFirst() {
        assertThat(fields(() -> Json.read(b("{\"spec\":{\"name\":\"x\",\"taskz\":1,\"tasks\":\"many\",\"retries\":true,"
                + "\"resources\":{\"cpu\":\"two\",\"gpu\":1}}}"), SubmitJobRequest.class)))
                .containsExactlyInAnyOrder("spec.taskz", "spec.tasks", "spec.retries", "spec.resources.gpu", "spec.resources.cpu");
    }

    @Test
    void read_missingPrimitive_isRequired() {
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidInputException.class,
                () -> Json.read(b("{\"maxTasks\":2}"), ClaimRequest.class));
        assertThat(e.errors()).containsExactly(new FieldError("waitMillis", "is required"));
    }

    @Test
    void read_malformedOrEmpty_namesTheBody() {
        assertThat(fields(() -> Json.read(b("{\"maxTasks\": "), ClaimRequest.class))).containsExactly("body");
        assertThat(fields(() -> Json.read(new byte[0], ClaimRequest.class))).containsExactly("body");
        assertThat(fields(() -> Json.read(b("[1,2]"), ClaimRequest.class))).containsExactly("body");
        assertThat(fields(() -> Json.read(b("{\"maxTasks\":1,\"maxTasks\":2,\"waitMillis\":0}"), ClaimRequest.class))).isNotEmpty();
    }

    @Test
    void readYamlSpec_withEveryKindOfValue(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("job.yaml");
        Files.writeString(spec, """
                name: demo
                command: ["sh", "-c", "echo $1", "x"]
                args: [["a"], ["b"]]
                maxPrice: 0.5
                resources: {cpu: 2, memoryMb: 256}
                timeout: 30s
                """);
        JobSpecDraft d = JobSpecFiles.read(spec);
        assertThat(d.name()).isEqualTo("demo");
        assertThat(d.args()).hasSize(2);
        assertThat(d.maxPrice()).isEqualByComparingTo("0.5");
        assertThat(d.resources().cpu()).isEqualTo(2);
    }

    @Test
    void readYamlSpec_withASpeculationBlock(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("job.yaml");
        Files.writeString(spec, "name: x\ncommand: [\"true\"]\nspeculation: {slowdown: 1.5, maxBackups: 3}\n");
        JobSpecDraft d = JobSpecFiles.read(spec);
        assertThat(d.speculation().slowdown()).isEqualByComparingTo("1.5");
        assertThat(d.speculation().maxBackups()).isEqualTo(3);
        assertThat(d.speculation().enabled()).isNull();
        Files.writeString(spec, "name: x\ncommand: [\"true\"]\nspeculation: {enabled: false}\n");
        assertThat(JobSpecFiles.read(spec).speculation().enabled()).isFalse();
    }

    @Test
    void readYamlSpec_badFields_allListed(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("job.yaml");
        Files.writeString(spec, "name: x\ncommand: true\ntasks: [1]\ncolour: blue\n");
        assertThatThrownBy(() -> JobSpecFiles.read(spec)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("command", "tasks", "colour"));
    }

    @Test
    void readYamlSpec_verifyAsAPolicyName_orAsAnObject(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("job.yaml");
        Files.writeString(spec, "name: x\ncommand: [\"true\"]\nverify: adaptive\nminStake: 25\n");
        JobSpecDraft d = JobSpecFiles.read(spec);
        assertThat(d.verify()).isEqualTo(JobSpecDraft.VerifyDraft.ofPolicy("adaptive"));
        assertThat(d.minStake()).isEqualByComparingTo("25");

        Files.writeString(spec, "name: x\ncommand: [\"true\"]\nverify: {replicas: 3, quorum: 2, compare: {format: npy, relative: 1e-4, absolute: 1e-6}}\n");
        var v = JobSpecFiles.read(spec).verify();
        assertThat(v.policy()).isNull();
        assertThat(v.replicas()).isEqualTo(3);
        assertThat(v.quorum()).isEqualTo(2);
        assertThat(v.compare().format()).isEqualTo("npy");
        assertThat(v.compare().relative()).isEqualByComparingTo("0.0001");
        assertThat(v.compare().absolute()).isEqualByComparingTo("0.000001");

        Files.writeString(spec, "name: x\ncommand: [\"true\"]\nverify: {spotCheck: 0.05}\n");
        assertThat(JobSpecFiles.read(spec).verify().spotCheck()).isEqualByComparingTo("0.05");
    }

    @Test
    void readJsonSpec_verifyAsAString_andTheDraftRoundTrips(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("job.json");
        Files.writeString(spec, "{\"name\":\"x\",\"command\":[\"true\"],\"verify\":\"none\"}");
        JobSpecDraft d = JobSpecFiles.read(spec);
        assertThat(d.verify().policy()).isEqualTo("none");

        JobSpecDraft withCompare = d.withVerify(new JobSpecDraft.VerifyDraft("adaptive", null, null, null,
                new JobSpecDraft.CompareDraft("f32le", null, null, new java.math.BigDecimal("0.9999"))));
        assertThat(Json.read(Json.write(withCompare), JobSpecDraft.class)).as("a stored draft reads back as written").isEqualTo(withCompare);
        assertThat(Json.read(Json.write(d), JobSpecDraft.class)).isEqualTo(d);
    }

    @Test
    void readSpec_badVerify_isNamedByField() {
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidInputException.class,
                () -> Json.read(b("{\"name\":\"x\",\"verify\":3}"), JobSpecDraft.class));
        assertThat(e.errors()).containsExactly(new FieldError("verify", "wrong type: expected a policy name such as adaptive, or an object such as {replicas: 3}"));
        assertThat(fields(() -> Json.read(b("{\"name\":\"x\",\"verify\":{\"replica\":3,\"compare\":{\"format\":\"npy\",\"rel\":1}}}"),
                JobSpecDraft.class))).containsExactlyInAnyOrder("verify.replica", "verify.compare.rel");
        assertThat(fields(() -> Json.read(b("{\"spec\":{\"name\":\"x\",\"verify\":\"adaptive\",\"tasks\":\"many\"}}"), SubmitJobRequest.class)))
                .as("the short form is no error when another field is wrong").containsExactly("spec.tasks");
        assertThat(fields(() -> Json.read(b("{\"name\":\"x\",\"verify\":{\"replicas\":\"three\"}}"), JobSpecDraft.class)))
                .containsExactly("verify.replicas");
    }
}
