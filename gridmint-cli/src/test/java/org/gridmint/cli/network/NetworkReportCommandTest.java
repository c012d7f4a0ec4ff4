package org.gridmint.cli.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.gridmint.api.Assignment;
import org.gridmint.api.BlobRef;
import org.gridmint.api.ClaimRequest;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.HeartbeatRequest;
import org.gridmint.api.RegisterProviderRequest;
import org.gridmint.api.SubmitJobRequest;
import org.gridmint.api.json.Json;
import org.gridmint.cli.Cli;
import org.gridmint.coordinator.Coordinator;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.coordinator.economics.EconomicsConfig;
import org.gridmint.coordinator.ledger.LedgerVerifier;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.Posting;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.money.Credits;
import org.gridmint.core.spec.JobSpecDraft;
import org.gridmint.sim.report.CloudPrices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridmint network report} against a real in-process coordinator whose clock the test moves: one paid task in epoch 0,
 * the epoch closed by the coordinator's own loop, then the table and the JSON.
 */
class NetworkReportCommandTest {
    private static final Instant START = Instant.parse("2026-11-25T00:00:00Z");
    private static final AccountId CLIENT = AccountId.of("acct-network-client");
    private static final AccountId OWNER = AccountId.of("acct-network-owner");

    @TempDir Path tmp;
    final AtomicReference<Instant> now = new AtomicReference<>(START);
    Coordinator coordinator;
    BigDecimal charged;

    @BeforeEach
    void start() {
        var config = CoordinatorConfig.defaults(tmp.resolve("coordinator")).withPort(0)
                .withEconomics(EconomicsConfig.DEFAULT.withEpoch(Duration.ofMinutes(1)));
        // The coordinator lives on the test's clock; requests are signed with the real one.
        coordinator = new Coordinator(config, now::get, InstantSource.system()).start();
    }

    @AfterEach
    void stop() {
        try {
            assertThat(LedgerVerifier.verify(coordinator.store()).breaks()).isEmpty();
        } finally {
            coordinator.close();
        }
    }

    private void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    /** One task of a client's job, run and completed by a provider in epoch 0; then epoch 0 closed by the coordinator's loop. */
    private void onePaidTaskThenCloseEpochZero() throws Exception {
        Posting deposit = new Posting(PostingKind.DEPOSIT, "test-funds", LedgerAccount.ISSUER, LedgerAccount.party(CLIENT), Credits.parse("5"));
        coordinator.store().inTransaction(tx -> tx.ledger().post(deposit, now.get()));
        String provider = coordinator.providers().register(OWNER, new RegisterProviderRequest(null, "rig", 4, 8192, List.of(), "local",
                new BigDecimal("0.6"), 1, true, "test")).id();
        var spec = new JobSpecDraft("report-me", "exec", List.of("true"), 1, null, null, null, null, null, null, 2, null, null, null)
                .withVerify(JobSpecDraft.VerifyDraft.ofPolicy("none"));
        String job = coordinator.jobs().submit(CLIENT.value(), new SubmitJobRequest(spec, List.of())).id();
        Assignment a = coordinator.work().claim(OWNER, provider, new ClaimRequest(1, 0)).getFirst();
        coordinator.work().heartbeat(OWNER, a.attemptId(), new HeartbeatRequest(provider, "working"));
        advance(Duration.ofSeconds(30));
        coordinator.work().complete(OWNER, a.attemptId(), new CompleteRequest(provider, 0, List.<BlobRef>of(), null, null, 30_000));
        charged = coordinator.ledger().bill(CLIENT, job).charged();
        assertThat(charged).isPositive();
        advance(Duration.ofMinutes(1));
        coordinator.epochLoop().runOnce(now.get());
    }

    private Cli.Result report(String... args) {
        var all = new java.util.ArrayList<>(List.of("network", "report"));
        all.addAll(List.of(args));
        all.addAll(List.of("--coordinator", coordinator.url(), "--data-dir", tmp.resolve("reader").toString()));
        return Cli.run(Map.of(), all.toArray(String[]::new));
    }

    @Test
    void report_printsATableRowPerEpoch_theTotals_andTheCloudReferences() throws Exception {
        onePaidTaskThenCloseEpochZero();

        Cli.Result r = report("--epochs", "3");

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("Network report: embedded settlement, epochs of PT1M from 2026-11-25 00:00:00 UTC; GRID valued at 0.05 credits");
        String header = lines.stream().filter(l -> l.startsWith("EPOCH")).findFirst().orElseThrow();
        assertThat(header).contains("REVENUE", "FEES", "SLASHES", "SUBSIDY", "GRID MINTED", "GRID VALUE", "ISSUED/REVENUE", "PROVIDERS",
                "VERIFIED GPU-H", "USEFUL GPU-H", "CLIENT/GPU-H", "ALL-IN/GPU-H");
        String open = lines.get(lines.indexOf(header) + 1);
        String zero = lines.get(lines.indexOf(header) + 2);
        String total = lines.get(lines.indexOf(header) + 3);
        assertThat(open.strip().split("\\s{2,}")).startsWith("1", "OPEN", "2026-11-25 00:01:00", "0");
        // Epoch 0: revenue is what the task was charged, one active provider, 30 s of useful work; its price per GPU-hour is the provider's.
        assertThat(zero.strip().split("\\s{2,}")).startsWith("0", "SETTLED", "2026-11-25 00:00:00", charged.toPlainString())
                .endsWith("1", "0", "0.008333", "0.6", "0.6");
        assertThat(total.strip().split("\\s{2,}")).startsWith("total", "2026-11-25 00:00:00", charged.toPlainString()).endsWith("0.6", "0.6");
        assertThat(r.out()).contains("All-in price per useful GPU-hour over these epochs: ", "Cloud reference prices (1 credit = 1 USD):");
        assertThat(r.out()).contains(CloudPrices.all().getFirst().id()).contains(CloudPrices.all().getFirst().date());
        // One useful task: the all-in price equals what the client paid (no verified work, so nothing minted), set beside each cloud price.
        assertThat(r.out()).containsPattern("aws-t4-spot .* [0-9.]+x");
    }

    @Test
    void json_isTheReportAndTheCloudRows() throws Exception {
        onePaidTaskThenCloseEpochZero();

        Cli.Result r = report("--json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode root = Json.mapper().readTree(r.out());
        JsonNode report = root.get("report");
        assertThat(report.get("epochs")).hasSize(2);
        assertThat(report.get("epochs").get(0).get("state").asText()).isEqualTo("OPEN");
        assertThat(report.get("epochs").get(1).get("state").asText()).isEqualTo("SETTLED");
        assertThat(report.get("epochs").get(1).get("revenue").decimalValue()).isEqualByComparingTo(charged);
        assertThat(report.get("epochs").get(1).get("activeProviders").asInt()).isEqualTo(1);
        assertThat(report.get("totals").get("revenue").decimalValue()).isEqualByComparingTo(charged);
        // Embedded settlement: nothing on-chain, so the operator funded nothing.
        assertThat(report.get("epochs").get(1).get("operatorFunding").decimalValue()).isZero();
        assertThat(report.get("totals").get("operatorFunding").decimalValue()).isZero();
        assertThat(report.get("totals").get("allInPricePerGpuHour").decimalValue()).isPositive();
        assertThat(root.get("cloudReferences")).hasSize(CloudPrices.all().size());
        assertThat(root.get("cloudReferences").get(0).get("id").asText()).isEqualTo(CloudPrices.all().getFirst().id());
        assertThat(root.get("cloudReferences").get(0).has("date")).isTrue();
    }

    @Test
    void anEmptyNetwork_printsZerosAndDashes() {
        Cli.Result r = report();

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("0  OPEN").contains("All-in price per useful GPU-hour over these epochs: - (no useful work yet)");
    }

    @Test
    void aBadEpochCount_isAUsageErrorNamingTheFlag() {
        for (String bad : List.of("0", "1001", "-1")) {
            Cli.Result r = report("--epochs", bad);
            assertThat(r.exit()).as(bad).isEqualTo(2);
            assertThat(r.err()).as(bad).contains("--epochs must be between 1 and 1000, was " + bad);
        }
        Cli.Result notANumber = report("--epochs", "many");
        assertThat(notANumber.exit()).isEqualTo(2);
        assertThat(notANumber.err()).contains("--epochs").contains("many");
    }

    @Test
    void help_namesEveryFlag() {
        Cli.Result r = Cli.run(Map.of(), "network", "report", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--epochs", "--json", "--coordinator", "--data-dir", "cloud reference prices");
    }
}
