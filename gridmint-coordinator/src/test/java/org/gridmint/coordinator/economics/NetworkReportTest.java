package org.gridmint.coordinator.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmint.api.JobView;
import org.gridmint.api.NetworkReport;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.core.economics.Epochs;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.spec.JobSpecDraft;
import org.gridmint.core.verify.Trust;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network report against a real coordinator and store: each figure equals what the journal, the attempts, the charges
 * and the epoch loop's records say when summed independently here, and the totals are the sums of the epochs.
 */
class NetworkReportTest {
    private static final Duration EPOCH = Duration.ofMinutes(10);
    private static final String CLIENT = "acct-client";
    private static final BigDecimal MS_PER_HOUR = BigDecimal.valueOf(3_600_000);

    @TempDir Path dir;
    TestNetwork net;
    Epochs epochs;

    @BeforeEach
    void open() {
        net = new TestNetwork(dir, InstantSource.system(), c -> c.withEconomics(EconomicsConfig.DEFAULT.withEpoch(EPOCH)));
        epochs = net.coordinator.epochLoop().epochs();
    }

    @AfterEach
    void close() {
        net.close();
    }

    private static JobSpecDraft replicated() {
        return TestNetwork.spec(1).withVerify(new JobSpecDraft.VerifyDraft(null, 2, 2, null, null));
    }

    private NetworkReport report(int n) {
        return net.coordinator.reports().report(n);
    }

    private void closeEpochs() {
        net.coordinator.epochLoop().runOnce(net.clock.instant());
    }

    /** Moves the clock to {@code offset} into epoch {@code n}. */
    private void moveTo(long n, Duration offset) {
        Duration d = Duration.between(net.clock.instant(), epochs.start(n).plus(offset));
        assertThat(d).isPositive();
        net.clock.advance(d);
    }

    @Test
    void figures_addUpToTheJournalAndRecords_andTotalsToTheEpochs() {
        var work = new ReportWork(net);
        String honest = work.add("honest", "0.5", true, false);
        String helper = work.add("helper", "0.8", true, false);
        // Epoch 0: first two agreeing replicas, the second paid by the network out of a treasury that holds less than it
        // costs (a SUBSIDY); then a replicated task whose cheat loses 2:1 after a tie-breaker: payment, fee, a replica,
        // slashes to the client and the treasury. Verified work for every result that agreed.
        String agreed = net.submit(CLIENT, replicated()).id();
        assertThat(work.run(CLIENT, agreed, List.of(honest, helper), 20).state()).isEqualTo("SUCCEEDED");
        String cheat = work.add("cheat", "0.5", false, false);
        work.trust(cheat, new Trust(15, 15, 0));
        work.add("checker", "0.9", true, true);
        work.stake(cheat, "40");
        String checked = net.submit(CLIENT, replicated()).id();
        work.run(CLIENT, checked, List.of(honest, cheat), 5);
        assertThat(work.runAll(CLIENT, checked).state()).isEqualTo("SUCCEEDED");
        // Epoch 1: two tasks nobody checks: paid for, but no verified work, so nothing is minted for them.
        moveTo(1, Duration.ofMinutes(1));
        String plain = net.submit(CLIENT, TestNetwork.spec(2)).id();
        assertThat(work.runAll(CLIENT, plain).state()).isEqualTo("SUCCEEDED");
        moveTo(2, Duration.ofMinutes(1));

        // Before the loop closes them, past epochs are ENDED with the verified work found so far, and mint nothing yet.
        NetworkReport before = report(3);
        assertThat(before.epochs()).extracting(NetworkReport.Epoch::state).containsExactly("OPEN", "ENDED", "ENDED");
        assertThat(before.epochs()).noneMatch(NetworkReport.Epoch::closed);
        assertThat(before.epochs().get(2).emitted()).isZero();
        closeEpochs();
        NetworkReport r = report(3);
        assertThat(before.epochs().get(2).verifiedGpuHours()).isEqualByComparingTo(r.epochs().get(2).verifiedGpuHours());

        assertThat(r.settlement()).isEqualTo("embedded");
        // The embedded settlement moves nothing on-chain, so the operator never funds a batch.
        assertThat(r.epochs()).allSatisfy(e -> assertThat(e.operatorFunding()).isZero());
        assertThat(r.totals().operatorFunding()).isZero();
        assertThat(r.token()).isEqualTo("GRID");
        assertThat(r.epochLength()).isEqualTo("PT10M");
        assertThat(r.genesis()).isEqualTo(epochs.genesis());
        assertThat(r.epochs()).extracting(NetworkReport.Epoch::epoch).containsExactly(2L, 1L, 0L);
        assertThat(r.epochs()).extracting(NetworkReport.Epoch::state).containsExactly("OPEN", "SETTLED", "SETTLED");
        assertThat(r.epochs()).extracting(NetworkReport.Epoch::closed).containsExactly(false, true, true);
        Map<Long, Expected> expected = expected(List.of(agreed, checked, plain));
        for (NetworkReport.Epoch e : r.epochs()) assertFigures(e, expected.getOrDefault(e.epoch(), new Expected()), r.gridPrice());

        NetworkReport.Epoch zero = r.epochs().get(2);
        // Not vacuous: epoch 0 holds every kind of money the report separates, and its emission went to verified work.
        assertThat(zero.revenue()).isPositive();
        assertThat(zero.fees()).isPositive();
        assertThat(zero.slashes()).isPositive();
        assertThat(zero.subsidyCredits()).isPositive();
        assertThat(zero.emitted()).isEqualByComparingTo("1000");
        assertThat(zero.emittedValue()).isEqualByComparingTo("50");
        assertThat(zero.verifiedGpuHours()).isPositive();
        assertThat(zero.activeProviders()).isEqualTo(4);
        NetworkReport.Epoch one = r.epochs().get(1);
        assertThat(one.revenue()).isPositive();
        assertThat(one.emitted()).as("no verified work in epoch 1: nothing minted").isZero();
        assertThat(one.subsidyRatio()).isZero();
        assertThat(r.epochs().getFirst().revenue()).isZero();
        assertThat(r.epochs().getFirst().subsidyRatio()).isNull();
        assertThat(r.epochs().getFirst().allInPricePerGpuHour()).isNull();

        NetworkReport.Epoch t = r.totals();
        assertThat(t.epoch()).isEqualTo(-1);
        assertThat(t.start()).isEqualTo(epochs.start(0));
        assertThat(t.end()).isEqualTo(epochs.end(2));
        assertThat(t.closed()).isFalse();
        assertThat(t.state()).isNull();
        assertThat(t.revenue()).isEqualByComparingTo(sum(r, NetworkReport.Epoch::revenue));
        assertThat(t.fees()).isEqualByComparingTo(sum(r, NetworkReport.Epoch::fees));
        assertThat(t.slashes()).isEqualByComparingTo(sum(r, NetworkReport.Epoch::slashes));
        assertThat(t.subsidyCredits()).isEqualByComparingTo(sum(r, NetworkReport.Epoch::subsidyCredits));
        assertThat(t.emitted()).isEqualByComparingTo(sum(r, NetworkReport.Epoch::emitted));
        assertThat(t.emittedValue()).isEqualByComparingTo(sum(r, NetworkReport.Epoch::emittedValue));
        assertThat(t.payoutCredits()).isEqualByComparingTo(sum(r, NetworkReport.Epoch::payoutCredits));
        // GPU-hours are rounded per epoch: the total is the rounded sum, within a rounding step per epoch of the sum of rounded ones.
        assertThat(t.usefulGpuHours().subtract(sum(r, NetworkReport.Epoch::usefulGpuHours)).abs()).isLessThanOrEqualTo(new BigDecimal("0.000003"));
        assertThat(t.verifiedGpuHours().subtract(sum(r, NetworkReport.Epoch::verifiedGpuHours)).abs()).isLessThanOrEqualTo(new BigDecimal("0.000003"));
        Expected all = new Expected();
        expected.values().forEach(all::add);
        assertFigures(t, all, r.gridPrice());
        assertThat(t.activeProviders()).as("distinct providers over the epochs").isEqualTo(4);
    }

    @Test
    void usefulGpuHours_areTheBilledRuntimeTimesTheJobsGpus() {
        String provider = net.coordinator.providers().register(TestNetwork.OWNER, new org.gridmint.api.RegisterProviderRequest(null, "gpu-rig", 8, 32_768,
                List.of(new org.gridmint.api.GpuInfo("T4", 16_000, "gpu-0"), new org.gridmint.api.GpuInfo("T4", 16_000, "gpu-1")), "local",
                new BigDecimal("0.5"), 1, true, "test")).id();
        var spec = new JobSpecDraft("two-gpus", "exec", List.of("true"), 1, null, null, null, new JobSpecDraft.ResourcesDraft(1, 1024L, 2, null, null),
                null, null, 2, null, null, null).withVerify(JobSpecDraft.VerifyDraft.ofPolicy("none"));
        String job = net.submit(CLIENT, spec).id();
        var a = net.claim(provider, 1).getFirst();
        net.coordinator.work().heartbeat(TestNetwork.OWNER, a.attemptId(), new org.gridmint.api.HeartbeatRequest(provider, "working"));
        net.clock.advance(Duration.ofSeconds(90));
        net.coordinator.work().complete(TestNetwork.OWNER, a.attemptId(), new org.gridmint.api.CompleteRequest(provider, 0,
                List.of(net.blob("out/result.txt", "done")), null, null, 90_000));

        long runtime = net.coordinator.store().inTransaction(tx -> tx.ledger().charges(JobId.of(job))).getFirst().runtimeMillis();
        NetworkReport.Epoch open = report(1).epochs().getFirst();

        assertThat(runtime).isPositive();
        assertThat(open.usefulGpuHours()).isEqualByComparingTo(hours(2 * runtime));
        assertThat(open.clientPricePerGpuHour()).as("revenue per GPU-hour, two GPUs an hour each")
                .isEqualByComparingTo(open.revenue().multiply(MS_PER_HOUR).divide(BigDecimal.valueOf(2 * runtime), 6, RoundingMode.HALF_UP));
    }

    @Test
    void anEmptyNetwork_reportsZeros_nullRatios_andTheCurrentEpochOpen() {
        NetworkReport first = report(24);
        assertThat(first.epochs()).hasSize(1);
        NetworkReport.Epoch open = first.epochs().getFirst();
        assertThat(open.epoch()).isZero();
        assertThat(open.state()).isEqualTo("OPEN");
        assertThat(open.closed()).isFalse();
        assertThat(open.start()).isEqualTo(epochs.genesis());
        assertThat(open.end()).isEqualTo(epochs.genesis().plus(EPOCH));

        moveTo(3, Duration.ofMinutes(5));
        closeEpochs();
        NetworkReport r = report(24);

        assertThat(r.epochs()).extracting(NetworkReport.Epoch::epoch).containsExactly(3L, 2L, 1L, 0L);
        assertThat(r.epochs()).extracting(NetworkReport.Epoch::state).containsExactly("OPEN", "SETTLED", "SETTLED", "SETTLED");
        List<NetworkReport.Epoch> all = new ArrayList<>(r.epochs());
        all.add(r.totals());
        for (NetworkReport.Epoch e : all) {
            assertThat(List.of(e.revenue(), e.fees(), e.slashes(), e.subsidyCredits(), e.emitted(), e.emittedValue(), e.verifiedGpuHours(),
                    e.usefulGpuHours(), e.payoutCredits(), e.payoutTokens())).allSatisfy(v -> assertThat(v).isZero());
            assertThat(e.activeProviders()).isZero();
            assertThat(e.subsidyRatio()).isNull();
            assertThat(e.clientPricePerGpuHour()).isNull();
            assertThat(e.allInPricePerGpuHour()).isNull();
            assertThat(e.root()).isNull();
            assertThat(e.txHash()).isNull();
        }
    }

    @Test
    void beforeAGenesisAhead_noEpochIsListed() {
        net.close();
        var genesis = net.clock.instant().plus(Duration.ofHours(1));
        net = new TestNetwork(dir.resolve("later"), InstantSource.system(), c -> c.withEconomics(EconomicsConfig.DEFAULT.withEpoch(EPOCH).withGenesis(genesis)));

        NetworkReport r = report(24);

        assertThat(r.genesis()).isEqualTo(genesis);
        assertThat(r.epochs()).isEmpty();
        assertThat(r.totals().revenue()).isZero();
        assertThat(r.totals().subsidyRatio()).isNull();
    }

    @Test
    void theLastNEpochs_areListed_newestFirst() {
        moveTo(30, Duration.ZERO);

        assertThat(report(5).epochs()).extracting(NetworkReport.Epoch::epoch).containsExactly(30L, 29L, 28L, 27L, 26L);
        assertThat(report(1).epochs()).extracting(NetworkReport.Epoch::epoch).containsExactly(30L);
        assertThat(report(1000).epochs()).hasSize(31);
    }

    @Test
    void aCountOutOfRange_isRefusedNamingEpochs() {
        for (int bad : new int[] {0, -1, 1001}) {
            assertThatThrownBy(() -> report(bad)).isInstanceOf(CoordinatorException.Invalid.class)
                    .satisfies(e -> assertThat(((CoordinatorException.Invalid) e).errors().getFirst().field()).isEqualTo("epochs"))
                    .hasMessageContaining("between 1 and 1000");
        }
    }

    /** An epoch's figures as summed here from the journal, the attempts, the charges and the epoch loop's rows. */
    static final class Expected {
        long revenue, fees, slashes, subsidy, minted, verifiedGpuMs, usefulGpuMs;
        final Set<String> providers = new HashSet<>();

        void add(Expected o) {
            revenue += o.revenue;
            fees += o.fees;
            slashes += o.slashes;
            subsidy += o.subsidy;
            minted += o.minted;
            verifiedGpuMs += o.verifiedGpuMs;
            usefulGpuMs += o.usefulGpuMs;
            providers.addAll(o.providers);
        }
    }

    private Map<Long, Expected> expected(List<String> jobs) {
        Map<Long, Expected> out = new HashMap<>();
        net.coordinator.store().inTransaction(tx -> {
            tx.ledger().scan(0, entry -> {
                var p = entry.posting();
                Expected x = out.computeIfAbsent(epochs.epochAt(entry.at()), k -> new Expected());
                long a = p.amount().micros();
                switch (p.kind()) {
                    case PAY -> x.revenue += a;
                    case FEE -> {
                        x.revenue += a;
                        x.fees += a;
                    }
                    case INFERENCE -> {
                        x.revenue += a;
                        if (p.to().equals(LedgerAccount.TREASURY)) x.fees += a;
                    }
                    case SLASH -> x.slashes += a;
                    case SUBSIDY -> x.subsidy += a;
                    default -> { }
                }
            }, bad -> { throw new AssertionError(bad.toString()); });
            for (String job : jobs) {
                JobId id = JobId.of(job);
                int gpus = Math.max(1, tx.job(id).orElseThrow().spec().resources().gpus());
                for (var a : tx.attempts(id))
                    if (a.endedAt() != null) out.computeIfAbsent(epochs.epochAt(a.endedAt()), k -> new Expected()).providers.add(a.provider().value());
                for (var c : tx.ledger().charges(id)) out.computeIfAbsent(epochs.epochAt(c.at()), k -> new Expected()).usefulGpuMs += c.runtimeMillis() * gpus;
                for (var c : tx.ledger().resumedCharges(id))
                    out.computeIfAbsent(epochs.epochAt(c.at()), k -> new Expected()).usefulGpuMs += c.runtimeMillis() * gpus;
            }
            tx.economics().scanRewardedWork(w -> out.computeIfAbsent(w.epoch(), k -> new Expected()).verifiedGpuMs += w.gpuMs());
            tx.economics().scanEpochs(e -> out.computeIfAbsent(e.epoch(), k -> new Expected()).minted += e.minted().micros());
            return null;
        });
        return out;
    }

    private static void assertFigures(NetworkReport.Epoch e, Expected x, BigDecimal gridPrice) {
        String at = "epoch " + e.epoch();
        assertThat(e.revenue()).as(at + " revenue").isEqualByComparingTo(credits(x.revenue));
        assertThat(e.fees()).as(at + " fees").isEqualByComparingTo(credits(x.fees));
        assertThat(e.slashes()).as(at + " slashes").isEqualByComparingTo(credits(x.slashes));
        assertThat(e.subsidyCredits()).as(at + " subsidy").isEqualByComparingTo(credits(x.subsidy));
        assertThat(e.emitted()).as(at + " emitted").isEqualByComparingTo(credits(x.minted));
        BigDecimal value = credits(x.minted).multiply(gridPrice);
        assertThat(e.emittedValue()).as(at + " emitted value").isEqualByComparingTo(value.setScale(6, RoundingMode.HALF_UP));
        assertThat(e.activeProviders()).as(at + " active providers").isEqualTo(x.providers.size());
        assertThat(e.verifiedGpuHours()).as(at + " verified GPU-hours").isEqualByComparingTo(hours(x.verifiedGpuMs));
        assertThat(e.usefulGpuHours()).as(at + " useful GPU-hours").isEqualByComparingTo(hours(x.usefulGpuMs));
        BigDecimal issued = value.add(credits(x.subsidy));
        if (x.revenue == 0) assertThat(e.subsidyRatio()).isNull();
        else assertThat(e.subsidyRatio()).as(at + " subsidy ratio").isEqualByComparingTo(issued.divide(credits(x.revenue), 6, RoundingMode.HALF_UP));
        if (x.usefulGpuMs == 0) {
            assertThat(e.clientPricePerGpuHour()).isNull();
            assertThat(e.allInPricePerGpuHour()).isNull();
        } else {
            BigDecimal hours = BigDecimal.valueOf(x.usefulGpuMs);
            assertThat(e.clientPricePerGpuHour()).as(at + " client price")
                    .isEqualByComparingTo(credits(x.revenue).multiply(MS_PER_HOUR).divide(hours, 6, RoundingMode.HALF_UP));
            assertThat(e.allInPricePerGpuHour()).as(at + " all-in price")
                    .isEqualByComparingTo(credits(x.revenue).add(issued).multiply(MS_PER_HOUR).divide(hours, 6, RoundingMode.HALF_UP));
            assertThat(e.allInPricePerGpuHour()).isGreaterThanOrEqualTo(e.clientPricePerGpuHour());
        }
        assertThat(e.payoutCredits()).isZero(); // embedded settlement: nothing is paid out on-chain
        assertThat(e.payoutTokens()).isZero();
        assertThat(e.root()).isNull();
    }

    private static BigDecimal sum(NetworkReport r, java.util.function.Function<NetworkReport.Epoch, BigDecimal> f) {
        return r.epochs().stream().map(f).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal credits(long micros) {
        return BigDecimal.valueOf(micros, 6);
    }

    private static BigDecimal hours(long ms) {
        return BigDecimal.valueOf(ms).divide(MS_PER_HOUR, 6, RoundingMode.HALF_UP);
    }
}
