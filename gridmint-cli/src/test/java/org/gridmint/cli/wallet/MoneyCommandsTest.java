package org.gridmint.cli.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridmint.api.auth.Identity;
import org.gridmint.cli.Cli;
import org.gridmint.cli.ledger.LedgerCommand;
import org.gridmint.coordinator.Coordinator;
import org.gridmint.coordinator.CoordinatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The money commands against a real coordinator in dev mode: wallet, job bill, provider earnings, and ledger verify. */
class MoneyCommandsTest {
    @TempDir Path tmp;
    Coordinator coordinator;
    Path coordinatorDir;
    Path clientDir;

    @BeforeEach
    void start() {
        coordinatorDir = tmp.resolve("coordinator");
        clientDir = tmp.resolve("client");
        coordinator = new Coordinator(CoordinatorConfig.defaults(coordinatorDir).withPort(0).withDevFaucet(true), InstantSource.system()).start();
    }

    @AfterEach
    void stop() {
        coordinator.close();
    }

    private Cli.Result as(Path dataDir, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--coordinator", coordinator.url(), "--data-dir", dataDir.toString()));
        return Cli.run(Map.of(), all.toArray(String[]::new));
    }

    private Cli.Result client(String... args) {
        return as(clientDir, args);
    }

    private String submitOneTaskJob() throws Exception {
        Path spec = tmp.resolve("job.yaml");
        Files.writeString(spec, "name: bill-me\ncommand: [\"true\"]\ntasks: 2\ntimeout: 30m\nmaxPrice: 0.5\n");
        Cli.Result r = client("job", "submit", spec.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        return r.firstLine().strip();
    }

    @Test
    void faucet_thenBalance_andHistory() {
        Cli.Result f = client("wallet", "faucet", "25", "--reference", "first");
        Cli.Result again = client("wallet", "faucet", "25", "--reference", "first");
        Cli.Result balance = client("wallet", "balance");
        Cli.Result history = client("wallet", "history");

        assertThat(f.exit()).as(f.err()).isZero();
        assertThat(f.out()).startsWith("deposited 25 credits into acct-");
        assertThat(again.out()).startsWith("already deposited (reference first)");
        assertThat(balance.out()).contains("balance    25 credits");
        assertThat(history.out()).contains("DEPOSIT", "+25", "faucet:");
    }

    @Test
    void faucet_withABadAmount_isAUsageError_andDepositsNothing() {
        for (String bad : List.of("abc", "0", "-5", "1.0000001")) {
            Cli.Result r = client("wallet", "faucet", bad);
            assertThat(r.exit()).as(bad).isEqualTo(2);
            assertThat(r.err()).as(bad).contains("AMOUNT");
        }
        assertThat(client("wallet", "balance").out()).contains("balance    0 credits");
    }

    @Test
    void submit_withoutFunds_saysHowShortItIs() throws Exception {
        Path spec = tmp.resolve("job.yaml");
        Files.writeString(spec, "name: too-dear\ncommand: [\"true\"]\ntasks: 2\ntimeout: 30m\nmaxPrice: 0.5\n");

        Cli.Result r = client("job", "submit", spec.toString());

        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("short by 0.5 credits");
    }

    @Test
    void bill_ofACancelledJob_showsTheHoldAndItsRefund() throws Exception {
        client("wallet", "faucet", "5");
        String job = submitOneTaskJob();
        assertThat(client("job", "cancel", job).exit()).isZero();

        Cli.Result bill = client("job", "bill", job);
        Cli.Result json = client("job", "bill", job, "--json");

        assertThat(bill.exit()).as(bill.err()).isZero();
        assertThat(bill.out()).contains("Bill for job " + job + " (CANCELLED)", "held       0.5 credits", "refunded   0.5 to you",
                "not billed: never ran", "all-in     - (no useful work yet)");
        assertThat(json.out()).contains("\"refunded\" : 0.5");
        assertThat(client("wallet", "balance").out()).contains("balance    5 credits");
    }

    @Test
    void bill_ofSomeoneElsesJob_isNotFound() throws Exception {
        client("wallet", "faucet", "5");
        String job = submitOneTaskJob();

        Cli.Result r = as(tmp.resolve("stranger"), "job", "bill", job);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("does not exist");
    }

    @Test
    void mint_isTheOperatorsAlone() {
        String account = Identity.loadOrCreate(clientDir).account().value();

        Cli.Result refused = client("wallet", "mint", account, "7");
        Cli.Result minted = as(coordinatorDir, "wallet", "mint", account, "7");

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("403");
        assertThat(minted.exit()).as(minted.err()).isZero();
        assertThat(client("wallet", "balance").out()).contains("balance    7 credits");
    }

    @Test
    void earnings_ofAnAccountWithoutProviders_isZero() {
        Cli.Result r = client("provider", "earnings");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("earned   0 credits net");
    }

    @Test
    void ledgerVerify_passesOnALiveStore_andCatchesATamperedEntry() throws Exception {
        client("wallet", "faucet", "5");
        submitOneTaskJob();

        Cli.Result ok = Cli.run(Map.of(), "ledger", "verify", "--data-dir", coordinatorDir.toString());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + coordinatorDir.resolve("gridmint.db")); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE ledger_journal SET amount = amount * 2 WHERE seq = 1");
        }
        Cli.Result broken = Cli.run(Map.of(), "ledger", "verify", "--data-dir", coordinatorDir.toString());

        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("journal   2 entries", "issued    5 credits", "OK: the chain holds");
        assertThat(broken.exit()).isEqualTo(LedgerCommand.BROKEN);
        assertThat(broken.out()).contains("BROKEN", "CHAIN at entry 1");
    }

    @Test
    void coordinator_withABadFee_refusesToStart_namingTheFlag() {
        for (String bad : List.of("abc", "60%", "0.123%", "-1%")) {
            Cli.Result r = Cli.run(Map.of(), "coordinator", "--port", "0", "--data-dir", tmp.resolve("never").toString(), "--fee", bad);

            assertThat(r.exit()).as(bad).isEqualTo(1);
            assertThat(r.err()).as(bad).startsWith("error: --fee: ");
        }
        assertThat(Files.exists(tmp.resolve("never"))).isFalse();
    }

    @Test
    void ledgerVerify_ofADirWithoutAStore_failsWithoutCreatingOne() {
        Path empty = tmp.resolve("nothing-here");

        Cli.Result r = Cli.run(Map.of(), "ledger", "verify", "--data-dir", empty.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no coordinator store in");
        assertThat(Files.exists(empty)).isFalse();
    }
}
