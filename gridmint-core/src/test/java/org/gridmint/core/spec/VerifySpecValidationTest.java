package org.gridmint.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.core.CoreFixtures.draft;

import java.math.BigDecimal;
import java.util.List;
import org.gridmint.core.DraftFixture;
import org.gridmint.core.money.Credits;
import org.gridmint.core.spec.Comparison.Format;
import org.gridmint.core.spec.JobSpecDraft.CompareDraft;
import org.gridmint.core.spec.JobSpecDraft.VerifyDraft;
import org.gridmint.core.spec.VerifySpec.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerifySpecValidationTest {

    private static VerifyDraft verify(String policy, Integer replicas, Integer quorum, String spotCheck, CompareDraft compare) {
        return new VerifyDraft(policy, replicas, quorum, spotCheck == null ? null : new BigDecimal(spotCheck), compare);
    }

    private static CompareDraft compare(String format, String absolute, String relative, String cosine) {
        return new CompareDraft(format, absolute == null ? null : new BigDecimal(absolute), relative == null ? null : new BigDecimal(relative),
                cosine == null ? null : new BigDecimal(cosine));
    }

    private static JobSpec valid(DraftFixture d) {
        var r = JobSpecValidator.validate(d.build());
        assertThat(r).isInstanceOf(JobSpecValidator.Valid.class);
        return ((JobSpecValidator.Valid) r).spec();
    }

    private static List<String> errors(DraftFixture d) {
        var r = JobSpecValidator.validate(d.build());
        assertThat(r).isInstanceOf(JobSpecValidator.Invalid.class);
        return ((JobSpecValidator.Invalid) r).errors().stream().map(FieldError::toString).toList();
    }

    @Test
    void noVerifyKey_isAdaptiveWithExactComparison() {
        assertThat(valid(draft()).verify()).isEqualTo(VerifySpec.ADAPTIVE);
        assertThat(VerifySpec.ADAPTIVE.comparison()).isEqualTo(Comparison.EXACT);
    }

    @Test
    void policyNamedAlone_isThatPolicy() {
        assertThat(valid(draft().withVerify("none")).verify()).isEqualTo(VerifySpec.NONE);
        assertThat(valid(draft().withVerify("adaptive")).verify()).isEqualTo(VerifySpec.ADAPTIVE);
        assertThat(valid(draft().withVerify("Adaptive")).verify()).isEqualTo(VerifySpec.ADAPTIVE);
    }

    @Test
    void replicas_quorumDefaultsToAMajority() {
        assertThat(valid(draft().withVerify(verify(null, 3, null, null, null))).verify()).isEqualTo(VerifySpec.replicas(3, 2, Comparison.EXACT));
        assertThat(valid(draft().withVerify(verify(null, 4, null, null, null))).verify().quorum()).isEqualTo(3);
        assertThat(valid(draft().withVerify(verify("replicas", 2, 1, null, null))).verify()).isEqualTo(VerifySpec.replicas(2, 1, Comparison.EXACT));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 11})
    void replicasOutOfRange_namesVerifyReplicas(int replicas) {
        assertThat(errors(draft().withVerify(verify(null, replicas, null, null, null))))
                .containsExactly("verify.replicas: must be between 2 and 10, was " + replicas);
    }

    @Test
    void quorumOutOfRange_namesVerifyQuorum() {
        assertThat(errors(draft().withVerify(verify(null, 3, 4, null, null)))).containsExactly("verify.quorum: must be between 1 and replicas (3), was 4");
        assertThat(errors(draft().withVerify(verify(null, 3, 0, null, null)))).containsExactly("verify.quorum: must be between 1 and replicas (3), was 0");
        assertThat(errors(draft().withVerify(verify(null, null, 2, null, null)))).containsExactly("verify.quorum: needs replicas, e.g. {replicas: 3, quorum: 2}");
        assertThat(errors(draft().withVerify(verify("replicas", null, null, null, null))))
                .containsExactly("verify.replicas: is required with policy replicas: how many providers run each task (2-10)");
    }

    @Test
    void spotCheck_rateInZeroToOne() {
        assertThat(valid(draft().withVerify(verify(null, null, null, "0.05", null))).verify()).isEqualTo(VerifySpec.spotCheck(0.05, Comparison.EXACT));
        assertThat(valid(draft().withVerify(verify("spot-check", null, null, "1", null))).verify().spotCheckRate()).isEqualTo(1.0);
        assertThat(errors(draft().withVerify(verify(null, null, null, "0", null))))
                .containsExactly("verify.spotCheck: must be more than 0 and at most 1 (a fraction of tasks), was 0");
        assertThat(errors(draft().withVerify(verify(null, null, null, "1.5", null)))).singleElement().asString().startsWith("verify.spotCheck:");
        assertThat(errors(draft().withVerify(verify("spotCheck", null, null, null, null))))
                .containsExactly("verify.spotCheck: is required with policy spotCheck: the fraction of tasks checked, e.g. 0.05");
    }

    @Test
    void conflictingPolicies_areNamed() {
        assertThat(errors(draft().withVerify(verify(null, 3, null, "0.1", null)))).containsExactly("verify: gives both replicas and spotCheck; choose one policy");
        assertThat(errors(draft().withVerify(verify("adaptive", 3, null, null, null))))
                .containsExactly("verify.replicas: is only for policy replicas, but the policy is adaptive");
        assertThat(errors(draft().withVerify(verify("none", null, null, "0.2", null))))
                .containsExactly("verify.spotCheck: is only for policy spotCheck, but the policy is none");
        assertThat(errors(draft().withVerify(verify("quorum", null, null, null, null))))
                .containsExactly("verify.policy: unknown policy 'quorum' (known: none, adaptive, replicas, spotCheck)");
        assertThat(errors(draft().withVerify(verify("none", null, null, null, compare("json", null, null, null)))))
                .containsExactly("verify.compare: has nothing to compare with policy none; drop it or choose another policy");
    }

    @Test
    void numericFormat_withoutTolerance_takesNumpyAllcloseDefaults() {
        var v = valid(draft().withVerify(verify("adaptive", null, null, null, compare("npy", null, null, null)))).verify();

        assertThat(v).isEqualTo(VerifySpec.adaptive(new Comparison(Format.NPY, 1e-8, 1e-5, 0)));
        assertThat(v.comparison().elementwise()).isTrue();
        assertThat(v.comparison().cosine()).isFalse();
    }

    @Test
    void compareBlock_keepsItsTolerances() {
        var v = valid(draft().withVerify(verify(null, null, null, null, compare("npy", "1e-6", "1e-4", null)))).verify();
        assertThat(v).as("a compare block alone keeps the default policy").isEqualTo(VerifySpec.adaptive(new Comparison(Format.NPY, 1e-6, 1e-4, 0)));

        var cos = valid(draft().withVerify(verify(null, 2, null, null, compare("f32le", null, null, "0.9999")))).verify();
        assertThat(cos).isEqualTo(VerifySpec.replicas(2, 2, new Comparison(Format.F32LE, 0, 0, 0.9999)));
        assertThat(cos.comparison().elementwise()).as("a cosine alone checks vectors, not elements").isFalse();

        var rel = valid(draft().withVerify(verify(null, null, null, null, compare("json", null, "0.01", null)))).verify().comparison();
        assertThat(rel).as("naming one tolerance leaves the other at 0").isEqualTo(new Comparison(Format.JSON, 0, 0.01, 0));
        assertThat(valid(draft().withVerify(verify(null, null, null, null, compare(null, null, null, null)))).verify().comparison()).isEqualTo(Comparison.EXACT);
    }

    @Test
    void compareErrors_nameTheirFields() {
        assertThat(errors(draft().withVerify(verify(null, null, null, null, compare("csv", null, null, null)))))
                .containsExactly("verify.compare.format: unknown format 'csv' (known: exact, json, f32le, npy)");
        assertThat(errors(draft().withVerify(verify(null, null, null, null, compare("exact", "0.1", null, null)))))
                .containsExactly("verify.compare.format: is exact (digests), which takes no tolerance; name a numeric format: json, f32le or npy");
        assertThat(errors(draft().withVerify(verify(null, null, null, null, compare(null, null, "0.1", null))))).as("exact is the default format")
                .singleElement().asString().startsWith("verify.compare.format: is exact");
        assertThat(errors(draft().withVerify(verify(null, null, null, null, compare("json", "-1", "2", "0")))))
                .containsExactly("verify.compare.absolute: must be a number >= 0, was -1", "verify.compare.relative: must be at most 1 (a fraction), was 2",
                        "verify.compare.cosine: must be more than 0 and at most 1 (the least cosine similarity), was 0");
    }

    @Test
    void verifyErrors_areListedWithTheRestOfTheSpec() {
        assertThat(errors(draft().withTasks(0).withVerify(verify(null, 11, null, null, null)).withMinStake("-1")))
                .containsExactly("tasks: must be between 1 and 100000, was 0", "verify.replicas: must be between 2 and 10, was 11",
                        "minStake: must be between 0 and 1000000 credits, was -1");
    }

    @Test
    void minStake_isCreditsAndZeroMeansNone() {
        assertThat(valid(draft().withMinStake("25")).minStake()).isEqualTo(Credits.parse("25"));
        assertThat(valid(draft().withMinStake("0")).minStake()).isNull();
        assertThat(errors(draft().withMinStake("0.0000001"))).containsExactly("minStake: credits have at most 6 decimals: 0.0000001");
        assertThat(errors(draft().withMinStake("1000000.5"))).singleElement().asString().startsWith("minStake: must be between 0 and 1000000");
    }

    @Test
    void oldConstructors_meanNoVerificationAndNoMinimum() {
        JobSpec spec = valid(draft());
        var old = new JobSpec(spec.name(), spec.runtime(), spec.command(), spec.taskArgs(), spec.files(), spec.outputs(), spec.resources(),
                spec.maxPrice(), spec.timeout(), spec.retries(), spec.regions(), spec.network(), spec.checkpointInterval(), spec.speculation());

        assertThat(old.verify()).isEqualTo(VerifySpec.NONE);
        assertThat(old.minStake()).isNull();
        assertThat(old.withVerify(VerifySpec.ADAPTIVE)).isEqualTo(spec);
        var d = draft().build();
        assertThat(new JobSpecDraft(d.name(), d.runtime(), d.command(), d.tasks(), d.args(), d.files(), d.outputs(), d.resources(), d.maxPrice(),
                d.timeout(), d.retries(), d.regions(), d.network(), d.checkpoint()).verify()).isNull();
    }

    @Test
    void specRecords_refuseInconsistentValues() {
        assertThatThrownBy(() -> new VerifySpec(Policy.NONE, 3, 2, 0, null)).hasMessageContaining("replicas and quorum are 1");
        assertThatThrownBy(() -> VerifySpec.replicas(3, 4, null)).hasMessageContaining("quorum must be between 1 and replicas");
        assertThatThrownBy(() -> new VerifySpec(Policy.ADAPTIVE, 1, 1, 0.5, null)).hasMessageContaining("needs policy spotCheck");
        assertThatThrownBy(() -> new Comparison(Format.EXACT, 0.1, 0, 0)).hasMessage("an exact comparison takes no tolerance");
        assertThatThrownBy(() -> new Comparison(Format.JSON, 0, 0, 1.5)).hasMessageContaining("minimum cosine");
        assertThatThrownBy(() -> valid(draft()).withMinStake(Credits.ZERO)).hasMessageContaining("minStake must be more than 0");
    }

    @Test
    void describe_readsLikeTheSpec() {
        assertThat(VerifySpec.replicas(3, 2, Comparison.EXACT).describe()).isEqualTo("replicas: 3, quorum: 2");
        assertThat(VerifySpec.adaptive(new Comparison(Format.F32LE, 0, 0, 0.9999)).describe()).isEqualTo("adaptive, compare: f32le, cosine >= 0.9999");
    }
}
