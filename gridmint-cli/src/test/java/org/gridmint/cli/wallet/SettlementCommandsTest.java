package org.gridmint.cli.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridmint.chain.ChainKeys;
import org.gridmint.cli.Cli;
import org.gridmint.coordinator.Coordinator;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.coordinator.ledger.LedgerVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settlement commands against a real coordinator that settles embedded (no chain): the payout address is kept, and
 * everything that needs a chain (withdraw, deposit, claim) says so clearly and changes nothing. The on-chain path runs in
 * {@code SettlementIT} against anvil.
 */
class SettlementCommandsTest {
    @TempDir Path tmp;
    Coordinator coordinator;
    Path clientDir;

    @BeforeEach
    void start() {
        clientDir = tmp.resolve("client");
        coordinator = new Coordinator(CoordinatorConfig.defaults(tmp.resolve("coordinator")).withPort(0).withDevFaucet(true), InstantSource.system()).start();
    }

    @AfterEach
    void stop() {
        try {
            assertThat(LedgerVerifier.verify(coordinator.store()).breaks()).isEmpty();
        } finally {
            coordinator.close();
        }
    }

    private Cli.Result client(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--coordinator", coordinator.url(), "--data-dir", clientDir.toString()));
        return Cli.run(Map.of(), all.toArray(String[]::new));
    }

    private Path key() {
        Path key = tmp.resolve("wallet.key");
        if (!key.toFile().exists()) ChainKeys.writeKeyFile(key, ChainKeys.newPrivateKeyHex());
        return key;
    }

    @Test
    void address_isNoneAtFirst_thenSetFromAnAddress_thenFromAKeyFile() {
        Cli.Result none = client("wallet", "address");
        Cli.Result byAddress = client("wallet", "address", "0x00000000000000000000000000000000000000aB");
        Cli.Result shown = client("wallet", "address");
        Cli.Result byKey = client("wallet", "address", "--chain-key", key().toString());
        Cli.Result shownAgain = client("wallet", "address");

        assertThat(none.exit()).as(none.err()).isZero();
        assertThat(none.out()).contains("has no payout address");
        assertThat(byAddress.exit()).as(byAddress.err()).isZero();
        assertThat(byAddress.out()).contains("is now 0x00000000000000000000000000000000000000ab");
        assertThat(shown.firstLine()).startsWith("0x00000000000000000000000000000000000000ab");
        assertThat(byKey.exit()).as(byKey.err()).isZero();
        String keyAddress = ChainKeys.addressOf(ChainKeys.readKeyFile(key()));
        assertThat(byKey.out()).contains("is now " + keyAddress);
        assertThat(shownAgain.firstLine()).startsWith(keyAddress);
    }

    @Test
    void address_zero_isRefusedByTheCoordinator_namingTheAddress() {
        Cli.Result r = client("wallet", "address", "0x" + "0".repeat(40));

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("address").contains("zero address");
        assertThat(client("wallet", "address").out()).contains("has no payout address");
    }

    @Test
    void withdraw_onAnEmbeddedCoordinator_isRefused_andTheBalanceStays() {
        client("wallet", "faucet", "10");
        client("wallet", "address", "--chain-key", key().toString());

        Cli.Result r = client("wallet", "withdraw", "4");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("409").contains("embedded");
        assertThat(client("wallet", "balance").out()).contains("balance    10 credits");
        assertThat(client("wallet", "withdrawals").out()).contains("no withdrawals yet");
    }

    @Test
    void deposit_onAnEmbeddedCoordinator_isRefusedBeforeTouchingAnyChain() {
        Cli.Result r = client("wallet", "deposit", "5", "--chain-key", key().toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("settles embedded (no chain)").contains("gridmint wallet faucet");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void claim_onAnEmbeddedCoordinator_saysThereIsNothingToClaim() {
        client("wallet", "address", "--chain-key", key().toString());

        Cli.Result provider = client("provider", "claim", "--chain-key", key().toString());
        Cli.Result wallet = client("wallet", "claim", "--chain-key", key().toString(), "--epoch", "0");

        for (Cli.Result r : List.of(provider, wallet)) {
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains("settles embedded (no chain)").contains("nothing to claim");
        }
    }

    @Test
    void claimsAndChainInfo_onAnEmbeddedCoordinator_sayThereIsNoChain() {
        Cli.Result claims = client("wallet", "claims");
        Cli.Result json = client("wallet", "claims", "--json");
        Cli.Result info = client("chain", "info");

        assertThat(claims.exit()).as(claims.err()).isZero();
        assertThat(claims.out()).contains("settles embedded (no chain): nothing is paid on-chain");
        assertThat(json.out()).contains("\"settlement\" : \"embedded\"").contains("\"claims\" : [ ]");
        assertThat(info.out()).contains("settlement     embedded (no chain");
    }
}
