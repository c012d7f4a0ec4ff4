package org.gridmint.coordinator.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.InstantSource;
import java.util.List;
import org.gridmint.api.JobBill;
import org.gridmint.api.JobView;
import org.gridmint.api.VerdictView;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.coordinator.store.TaskResult;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.lifecycle.TaskState;
import org.gridmint.core.spec.JobSpecDraft;
import org.gridmint.core.verify.Trust;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Adaptive replication, spot checks and the full check they trigger, and the default policy of a new job. */
class AdaptiveAndFullCheckTest extends InProcessNetworkTest {
    private static final String CLIENT = "acct-client";
    private Workers workers;

    @BeforeEach
    void seededNetwork() {
        // Plans draw from the coordinator's generator: seeded here so that every run checks the same tasks.
        net.close();
        net = new TestNetwork(dir.resolve("seeded"), InstantSource.system(), c -> c.withVerifySeed(7));
        workers = new Workers(net);
    }

    static JobSpecDraft adaptive(int tasks) {
        return TestNetwork.spec(tasks).withVerify(JobSpecDraft.VerifyDraft.ofPolicy("adaptive"));
    }

    @Test
    void adaptive_replicatesUntrustedProviders_thenAcceptsTrustedOnesMostlyAlone() {
        String h1 = workers.add("h1", Workers.HONEST);
        String h2 = workers.add("h2", Workers.HONEST);
        String job = net.submit(CLIENT, adaptive(110)).id();

        JobView done = workers.runUntilDone(CLIENT, job);

        assertThat(done.state()).isEqualTo("SUCCEEDED");
        List<VerdictView> verdicts = done.verdicts();
        assertThat(verdicts).hasSize(110);
        // Nobody is trusted at first: each result is compared with another until both have 10 agreeing in a row.
        assertThat(verdicts.subList(0, Trust.THRESHOLD)).allMatch(v -> v.results().size() == 2);
        assertThat(verdicts.subList(0, Trust.THRESHOLD).getFirst().why()).contains("replicated");
        long aloneLate = verdicts.subList(55, 110).stream().filter(v -> v.results().size() == 1).count();
        assertThat(aloneLate).as("results accepted alone among the last 55 tasks").isGreaterThan(55 / 2);
        assertThat(verdicts).filteredOn(v -> v.results().size() == 1).allMatch(v -> v.why().startsWith("accepted alone"));
        assertThat(workers.trust(h1).trusted()).isTrue();
        assertThat(workers.trust(h2).trusted()).isTrue();
        assertThat(done.verification().replicasRun()).isEqualTo(done.verification().resultsChecked() / 2);
        assertThat(done.verification().cheatersCaught()).isZero();
    }

    @Test
    void spotCheckMismatch_triggersAFullCheck_thatReopensTheCheatersUnverifiedTasks() {
        String cheat = workers.add("cheat", AccountId.of("acct-cheat"), "0.1", Workers.CHEAT);
        String t1 = workers.addTrusted("t1", Workers.HONEST);
        String t2 = workers.addTrusted("t2", Workers.HONEST);
        workers.stake(cheat, "100");
        var spec = TestNetwork.spec(10).withVerify(new JobSpecDraft.VerifyDraft(null, null, null, new BigDecimal("0.3"), null));
        String job = net.submit(CLIENT, spec).id();

        workers.run(CLIENT, job, List.of(cheat), 30);
        List<TaskResult> first = workers.results(job);
        assertThat(first).hasSize(10).allMatch(r -> r.provider().value().equals(cheat));
        long acceptedAlone = first.stream().filter(r -> r.status() == TaskResult.Status.ACCEPTED).count();
        assertThat(acceptedAlone).as("tasks not drawn for a spot check").isBetween(1L, 9L);

        boolean caught = false;
        for (int round = 0; round < 100 && !net.coordinator.jobs().get(CLIENT, job).state().equals("SUCCEEDED"); round++) {
            workers.step(t1);
            workers.step(t2);
            if (!caught && workers.results(job).stream().anyMatch(r -> r.status() == TaskResult.Status.REJECTED)) {
                caught = true;
                // From the moment it is caught, no task of the job stands on the cheater's unchecked word.
                assertThat(standingOnCheater(job, cheat)).isEmpty();
                assertThat(net.coordinator.jobs().get(CLIENT, job).state()).isEqualTo("RUNNING");
            }
            net.clock.advance(java.time.Duration.ofSeconds(1));
        }

        JobView done = net.coordinator.jobs().get(CLIENT, job);
        assertThat(caught).isTrue();
        assertThat(done.state()).isEqualTo("SUCCEEDED");
        assertThat(workers.results(job)).filteredOn(r -> r.provider().value().equals(cheat)).allMatch(r -> r.status() == TaskResult.Status.REJECTED);
        for (int i = 0; i < 10; i++)
            assertThat(net.coordinator.jobs().taskResults(CLIENT, job, i).getFirst().sha256()).isEqualTo(net.blob("out/result.txt", "result of task " + i).sha256());
        assertThat(done.verdicts()).filteredOn(v -> v.why().contains("full check")).hasSize((int) acceptedAlone);
        assertThat(done.verification().cheatersCaught()).isEqualTo(1);
        JobBill bill = net.coordinator.ledger().bill(AccountId.of(CLIENT), job);
        assertThat(bill.tasks()).flatExtracting(JobBill.TaskBill::attempts).filteredOn(l -> l.providerId().equals(cheat))
                .allMatch(l -> l.state().equals("REJECTED") && l.why().startsWith("rejected by verdict"));
        assertThat(bill.slashCompensation()).isPositive();
        assertThat(net.coordinator.store().inTransaction(tx -> tx.quarantine(ProviderId.of(cheat))).until()).isAfter(net.clock.instant());
        assertThat(List.of(t1, t2)).allMatch(t -> workers.trust(t).trusted());
    }

    /** Tasks that are SUCCEEDED on a result of {@code provider} that no other result checked. */
    private List<Integer> standingOnCheater(String job, String provider) {
        return net.coordinator.store().inTransaction(tx -> tx.results(JobId.of(job)).stream()
                .filter(r -> r.provider().value().equals(provider) && r.status() == TaskResult.Status.ACCEPTED)
                .filter(r -> tx.task(r.task()).orElseThrow().state() == TaskState.SUCCEEDED)
                .map(r -> r.task().index()).toList());
    }

    @Test
    void jobWithoutAVerifyKey_runsAdaptive_andStoresItExplicitly() {
        var draft = new JobSpecDraft("plain", "exec", List.of("true"), 1, null, null, null, null, null, null, 2, null, null, null);

        JobView submitted = net.submit(CLIENT, draft);

        JobView view = net.coordinator.jobs().get(CLIENT, submitted.id());
        assertThat(view.verification().policy()).startsWith("adaptive");
        String stored = net.coordinator.store().inTransaction(tx -> tx.job(JobId.of(submitted.id())).orElseThrow().draft().verify().policy());
        assertThat(stored).isEqualTo("adaptive");
    }

    @Test
    void adaptive_trustsTheClientsOwnProviderForItsJob() {
        String own = workers.add("own", AccountId.of(CLIENT), "0.5", Workers.HONEST);
        String job = net.submit(CLIENT, adaptive(3)).id();

        JobView done = workers.runUntilDone(CLIENT, job);

        assertThat(done.state()).isEqualTo("SUCCEEDED");
        assertThat(done.verdicts()).hasSize(3).allMatch(v -> v.results().size() == 1 && v.why().contains("belongs to the job's client"));
        assertThat(workers.results(job)).allMatch(r -> r.provider().value().equals(own));
        assertThat(done.verification().replicasRun()).isZero();
    }
}
