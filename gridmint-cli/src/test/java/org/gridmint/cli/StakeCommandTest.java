package org.gridmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.gridmint.api.RegisterProviderRequest;
import org.gridmint.api.auth.Identity;
import org.gridmint.coordinator.Coordinator;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.coordinator.ledger.LedgerVerifier;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.Posting;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gridmint provider stake / unstake} against a real coordinator: the owner stakes from its wallet; bad input changes nothing. */
class StakeCommandTest {
    @TempDir Path tmp;
    Coordinator coordinator;
    Path agentDir;
    String provider;
    AccountId owner;

    @BeforeEach
    void start() throws Exception {
        coordinator = new Coordinator(CoordinatorConfig.defaults(tmp.resolve("coordinator")).withPort(0), InstantSource.system()).start();
        agentDir = tmp.resolve("agent");
        owner = Identity.loadOrCreate(agentDir).account();
        provider = coordinator.providers().register(owner, new RegisterProviderRequest(null, "rig", 8, 16_384, List.of(), "local",
                new BigDecimal("0.25"), 1, true, "test")).id();
        Files.writeString(agentDir.resolve("provider-id"), provider);
        Posting deposit = new Posting(PostingKind.DEPOSIT, "test-1", LedgerAccount.ISSUER, LedgerAccount.party(owner), Credits.parse("40"));
        coordinator.store().inTransaction(tx -> tx.ledger().post(deposit, java.time.Instant.now()));
    }

    @AfterEach
    void stop() {
        try {
            assertThat(LedgerVerifier.verify(coordinator.store()).breaks()).isEmpty();
        } finally {
            coordinator.close();
        }
    }

    private Cli.Result run(Path dataDir, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("provider"));
        all.addAll(List.of(args));
        all.addAll(List.of("--coordinator", coordinator.url(), "--data-dir", dataDir.toString()));
        return Cli.run(Map.of(), all.toArray(String[]::new));
    }

    private BigDecimal staked() {
        return coordinator.stakes().view(provider).staked();
    }

    @Test
    void stakeThenUnstake_forTheProviderInTheDataDir_showsInProviders() {
        Cli.Result staked = run(agentDir, "stake", "25");
        Cli.Result unstaked = run(agentDir, "unstake", "5");

        assertThat(staked.exit()).as(staked.err()).isZero();
        assertThat(staked.out().strip()).isEqualTo(provider + " staked 25: 25 staked, of which 0 unbonding");
        assertThat(unstaked.exit()).as(unstaked.err()).isZero();
        assertThat(unstaked.out()).startsWith(provider + " unstaking 5 (unb-").contains("once it holds no task and no result of it awaits a verdict")
                .contains("25 staked, of which 5 unbonding");
        Cli.Result list = Cli.run(Map.of(), "providers", "--coordinator", coordinator.url());
        assertThat(list.out().lines().findFirst().orElseThrow()).contains("STAKE");
        assertThat(list.out().lines().skip(1).findFirst().orElseThrow()).contains(" 25 ");
    }

    @Test
    void stake_withExplicitProvider_stakesOnIt() {
        Cli.Result r = run(agentDir, "stake", "--provider", provider, "2.5");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(staked()).isEqualByComparingTo("2.5");
    }

    @Test
    void stake_moreThanTheWallet_orTooManyDecimals_failsNamingTheAmount_andChangesNothing() {
        Cli.Result tooMuch = run(agentDir, "stake", "41");
        Cli.Result decimals = run(agentDir, "stake", "1.0000001");
        Cli.Result negative = Cli.run(Map.of(), "provider", "stake", "--coordinator", coordinator.url(), "--data-dir", agentDir.toString(), "--", "-1");

        assertThat(tooMuch.exit()).isEqualTo(1);
        assertThat(tooMuch.err()).contains("amount").contains("more than your wallet holds");
        assertThat(decimals.exit()).isEqualTo(1);
        assertThat(decimals.err()).contains("amount").contains("6 decimals");
        assertThat(negative.exit()).isEqualTo(1);
        assertThat(negative.err()).contains("amount");
        assertThat(staked()).isEqualByComparingTo("0");
    }

    @Test
    void unstake_moreThanStaked_failsNamingTheAmount() {
        run(agentDir, "stake", "3");

        Cli.Result r = run(agentDir, "unstake", "4");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("amount").contains("at most 3 can be unstaked");
        assertThat(coordinator.stakes().view(provider).unbondings()).isEmpty();
    }

    @Test
    void stake_byAnotherAccount_isRefused() {
        Cli.Result r = run(tmp.resolve("someone"), "stake", "--provider", provider, "1");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: 403 Forbidden");
        assertThat(staked()).isEqualByComparingTo("0");
    }

    @Test
    void stake_withoutAProviderIdInTheDataDir_asksForProvider() {
        Cli.Result r = run(tmp.resolve("empty"), "stake", "1");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--provider is required");
    }

    @Test
    void help_documentsEveryFlag() {
        for (String cmd : List.of("stake", "unstake")) {
            Cli.Result r = Cli.run(Map.of(), "provider", cmd, "--help");

            assertThat(r.out()).contains("--provider").contains("--data-dir").contains("--coordinator").contains("AMOUNT");
        }
    }
}
