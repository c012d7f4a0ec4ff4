package org.gridmint.core.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.core.CoreFixtures.NOW;
import static org.gridmint.core.CoreFixtures.jobId;
import static org.gridmint.core.CoreFixtures.providerId;
import static org.gridmint.core.CoreFixtures.requirements;
import static org.gridmint.core.CoreFixtures.taskId;
import static org.gridmint.core.market.MarketFixtures.provider;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.market.Speculation.Attempt;
import org.gridmint.core.market.Speculation.Backup;
import org.gridmint.core.market.Speculation.Config;
import org.gridmint.core.scheduling.Requirements;
import org.junit.jupiter.api.Test;

class SpeculationTest {
    /** The job's median: 10 s. */
    private static final long MEDIAN = 10_000;
    private static final Requirements REQ = requirements().build();

    /** An attempt of task {@code index} on prov-{@code name}, started {@code secondsAgo} before NOW, no progress, no checkpoint. */
    private static Attempt running(int index, String name, long secondsAgo) {
        return new Attempt(taskId(index), providerId(name), NOW.minusSeconds(secondsAgo), 0, null);
    }

    private static Speculation.Job job(Attempt... running) {
        return new Speculation.Job(jobId(), REQ, Arrays.asList(running), 5, MEDIAN);
    }

    private static List<Backup> plan(Speculation.Job job, Config config, MarketProviderFixture... providers) {
        return Speculation.plan(job, Arrays.stream(providers).map(MarketProviderFixture::build).toList(), config, NOW);
    }

    private static List<Backup> plan(Speculation.Job job, MarketProviderFixture... providers) {
        return plan(job, Config.DEFAULT, providers);
    }

    private static List<TaskId> tasks(List<Backup> backups) {
        return backups.stream().map(Backup::task).toList();
    }

    @Test
    void plan_backsUpATaskRunningPastSlowdownTimesTheMedianOnAnotherProvider() {
        var backups = plan(job(running(0, "slow", 21)), provider("slow"), provider("fast"));

        assertThat(backups).containsExactly(new Backup(taskId(0), providerId("fast"), 11_000));
    }

    @Test
    void plan_aBackupOfAVerifiedTask_isAReplica_neverOnAProviderTheTaskExcludes() {
        var straggler = new Attempt(taskId(0), providerId("slow"), NOW.minusSeconds(21), 0, null, Set.of(providerId("fast")), null);

        var backups = plan(job(straggler), provider("slow"), provider("fast"), provider("other"));

        assertThat(backups).extracting(Backup::provider).containsExactly(providerId("other"));
    }

    @Test
    void plan_aBackupOfATrustedOnlyTask_goesOnlyToTheTrusted_orNowhere() {
        var trustedOnly = new Attempt(taskId(0), providerId("slow"), NOW.minusSeconds(21), 0, null, null, Set.of(providerId("trusted")));

        assertThat(plan(job(trustedOnly), provider("slow"), provider("fast"), provider("trusted")))
                .extracting(Backup::provider).containsExactly(providerId("trusted"));
        assertThat(plan(job(trustedOnly), provider("slow"), provider("fast"))).isEmpty();
    }

    @Test
    void plan_backsUpOnlyOnProvidersWithTheJobsMinimumStake() {
        var staked = new Speculation.Job(jobId(), requirements().withMinStake("25").build(), List.of(running(0, "slow", 21)), 5, MEDIAN);

        var backups = Speculation.plan(staked, List.of(provider("slow").staking("25").build(), provider("fast").build(),
                provider("staked").staking("30").build()), Config.DEFAULT, NOW);

        assertThat(backups).extracting(Backup::provider).containsExactly(providerId("staked"));
    }

    @Test
    void attempt_olderConstructor_limitsNothing() {
        var a = running(0, "a", 1);

        assertThat(a.excluded()).isEmpty();
        assertThat(a.only()).isNull();
        assertThat(a.allows(providerId("b"))).isTrue();
    }

    @Test
    void plan_leavesATaskWithinSlowdownTimesTheMedianAlone() {
        assertThat(plan(job(running(0, "a", 19)), provider("b"))).isEmpty();
    }

    @Test
    void plan_neverPutsTheBackupOnTheProviderRunningTheTask() {
        assertThat(plan(job(running(0, "a", 60)), provider("a").withSlots(4))).isEmpty();
    }

    @Test
    void plan_trustsNoMedianBeforeMinCompletedTasks() {
        var young = new Speculation.Job(jobId(), REQ, List.of(running(0, "a", 60)), 2, MEDIAN);

        assertThat(plan(young, provider("b"))).isEmpty();
        assertThat(plan(young, new Config(2.0, 2, 2, 1.25, 0.5), provider("b"))).hasSize(1);
    }

    @Test
    void plan_whenOff_backsUpNothing() {
        assertThat(plan(job(running(0, "a", 600)), Config.OFF, provider("b"))).isEmpty();
    }

    @Test
    void plan_passesOverSlowProviders() {
        assertThat(plan(job(running(0, "a", 60)), provider("b").withSpeed(1.5))).isEmpty();
        assertThat(plan(job(running(0, "a", 60)), provider("b").withSpeed(1.25))).hasSize(1);
    }

    @Test
    void plan_passesOverUnreliableProviders() {
        assertThat(plan(job(running(0, "a", 60)), provider("b").withReliability(0.4))).isEmpty();
    }

    @Test
    void plan_passesOverUnhealthyAndFullProviders() {
        assertThat(plan(job(running(0, "a", 60)), provider("b").withHealth(Health.SUSPECT, 20), provider("c").withFreeSlots(0))).isEmpty();
    }

    @Test
    void plan_passesOverProvidersThatDoNotFitTheJob() {
        var gpuJob = new Speculation.Job(jobId(), requirements().withGpus(1).build(), List.of(running(0, "a", 60)), 5, MEDIAN);

        assertThat(plan(gpuJob, provider("b"))).isEmpty();
        assertThat(plan(gpuJob, provider("c").withGpu("T4", 16_000))).extracting(Backup::provider).containsExactly(providerId("c"));
    }

    @Test
    void plan_picksTheCandidateWithTheLowestExpectedTime() {
        var backups = plan(job(running(0, "a", 60)),
                provider("b").withSpeed(1.0).withReliability(0.9),
                provider("c").withSpeed(0.8).withReliability(0.9),
                provider("d").withSpeed(0.7).withReliability(0.6));

        assertThat(backups).extracting(Backup::provider).containsExactly(providerId("c"));
    }

    @Test
    void plan_equalCandidatesGoToTheLowerAskThenTheSmallerId() {
        assertThat(plan(job(running(0, "a", 60)), provider("c").asking("0.4"), provider("b").asking("0.5")))
                .extracting(Backup::provider).containsExactly(providerId("c"));
        assertThat(plan(job(running(0, "a", 60)), provider("c"), provider("b")))
                .extracting(Backup::provider).containsExactly(providerId("b"));
    }

    @Test
    void plan_caps_backsUpTheLongestTimeLeftFirst() {
        var backups = plan(job(running(0, "a", 30), running(1, "a", 90), running(2, "a", 60)), provider("b").withSlots(4));

        assertThat(tasks(backups)).containsExactly(taskId(1), taskId(2));
    }

    @Test
    void plan_liveBackupsCountAgainstTheCap_andAreNotBackedUpAgain() {
        var backedUp = job(running(0, "a", 90), running(0, "b", 5), running(1, "a", 60), running(2, "a", 30));

        assertThat(tasks(plan(backedUp, provider("c").withSlots(4)))).containsExactly(taskId(1));
        assertThat(plan(backedUp, new Config(2.0, 1, 3, 1.25, 0.5), provider("c").withSlots(4))).isEmpty();
    }

    @Test
    void plan_takesOneFreeSlotPerBackup() {
        var backups = plan(job(running(0, "a", 60), running(1, "a", 50)), provider("b").withFreeSlots(1), provider("c").withFreeSlots(1));

        assertThat(backups).extracting(Backup::provider).containsExactly(providerId("b"), providerId("c"));
    }

    @Test
    void plan_withProgress_estimatesFromTheProgressRate() {
        var nearlyDone = new Attempt(taskId(0), providerId("a"), NOW.minusSeconds(21), 0, 0.95);
        var crawling = new Attempt(taskId(1), providerId("a"), NOW.minusSeconds(8), 0, 0.2);

        // 21 s at 95% → 22.1 s in all, past 2× the median, but the 1.1 s left beats a 10 s backup: no backup.
        // 8 s at 20% → 40 s in all: 32 s left.
        assertThat(plan(job(nearlyDone, crawling), provider("b").withSlots(2))).containsExactly(new Backup(taskId(1), providerId("b"), 32_000));
    }

    @Test
    void plan_aTaskOnAKnownSlowProviderIsBackedUpBeforeItOverruns() {
        // speed 5: 50 s expected for a 10 s median, 49 s left after one second.
        assertThat(plan(job(running(0, "slow", 1)), provider("slow").withSpeed(5.0), provider("b")))
                .containsExactly(new Backup(taskId(0), providerId("b"), 49_000));
    }

    @Test
    void plan_countsTheCheckpointedRuntimeAnAttemptResumedFrom() {
        var resumed = new Attempt(taskId(0), providerId("a"), NOW.minusSeconds(12), 9_000, null);

        // 9 s before the checkpoint and 12 s since: 21 s in all, 11 s past the median.
        assertThat(plan(job(resumed), provider("b"))).containsExactly(new Backup(taskId(0), providerId("b"), 11_000));
    }

    @Test
    void estimateLeftMillis_withoutProgress_isTheRestOfTheMedianAtTheProvidersSpeed_thenTheOverrun() {
        assertThat(Speculation.estimateLeftMillis(running(0, "a", 4), MEDIAN, 1.0, NOW)).isEqualTo(6_000);
        assertThat(Speculation.estimateLeftMillis(running(0, "a", 4), MEDIAN, 2.0, NOW)).isEqualTo(16_000);
        assertThat(Speculation.estimateLeftMillis(running(0, "a", 25), MEDIAN, 1.0, NOW)).isEqualTo(15_000);
    }

    @Test
    void estimateLeftMillis_withProgressZero_fallsBackToTheMedian() {
        var none = new Attempt(taskId(0), providerId("a"), NOW.minusSeconds(4), 0, 0.0);

        assertThat(Speculation.estimateLeftMillis(none, MEDIAN, 1.0, NOW)).isEqualTo(6_000);
    }

    @Test
    void config_rejectsValuesOutOfRange_namingThem() {
        assertThatThrownBy(() -> new Config(0.9, 2, 3, 1.25, 0.5)).hasMessageContaining("slowdown");
        assertThatThrownBy(() -> new Config(2, -1, 3, 1.25, 0.5)).hasMessageContaining("maxBackups");
        assertThatThrownBy(() -> new Config(2, 2, 0, 1.25, 0.5)).hasMessageContaining("minCompleted");
        assertThatThrownBy(() -> new Config(2, 2, 3, 0, 0.5)).hasMessageContaining("maxBackupSpeed");
        assertThatThrownBy(() -> new Config(2, 2, 3, 1.25, 1.5)).hasMessageContaining("minBackupReliability");
    }

    @Test
    void config_with_keepsTheDefaultsItDoesNotSet() {
        assertThat(Config.DEFAULT.with(3.0, 1)).isEqualTo(new Config(3.0, 1, 3, 1.25, 0.5));
        assertThat(Config.DEFAULT.with(3.0, 0).enabled()).isFalse();
    }

    @Test
    void job_rejectsAnAttemptOfAnotherJob() {
        var other = new Attempt(new TaskId(JobId.of("job-2"), 0), providerId("a"), NOW, 0, null);

        assertThatThrownBy(() -> job(other)).hasMessageContaining("is not of job");
    }

    @Test
    void attempt_rejectsProgressOutsideZeroToOne() {
        assertThatThrownBy(() -> new Attempt(taskId(0), providerId("a"), NOW, 0, 1.5)).hasMessageContaining("progress");
    }
}
