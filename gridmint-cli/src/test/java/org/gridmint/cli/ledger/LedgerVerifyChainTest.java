package org.gridmint.cli.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.gridmint.chain.ChainClient;
import org.gridmint.chain.ChainKeys;
import org.gridmint.chain.Units;
import org.gridmint.chain.testing.Anvil;
import org.gridmint.chain.testing.RequiresAnvil;
import org.gridmint.cli.Cli;
import org.gridmint.coordinator.Coordinator;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.coordinator.economics.EconomicsConfig;
import org.gridmint.coordinator.settlement.ChainConfig;
import org.gridmint.coordinator.settlement.EvmSettlement;
import org.gridmint.coordinator.store.JdbcStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gridmint ledger verify --chain-rpc} on the store of a coordinator that settles on a real anvil chain. */
@RequiresAnvil
class LedgerVerifyChainTest {
    @TempDir Path dir;

    @Test
    void verify_checksTheChain_whenAskedTo_andNamesACreditedDepositThatDisagreesWithItsLog() throws Exception {
        Path data = dir.resolve("coord");
        try (Anvil anvil = Anvil.start()) {
            Path key = dir.resolve("operator.key");
            ChainKeys.writeKeyFile(key, anvil.devPrivateKeys().getFirst());
            var config = CoordinatorConfig.defaults(data).withPort(0)
                    .withEconomics(EconomicsConfig.DEFAULT.withGenesis(Instant.parse("2026-11-01T00:00:00Z")))
                    .withChain(new ChainConfig(anvil.rpcUrl(), key, null, 2, Duration.ofMillis(200), null));
            String contract;
            try (Coordinator coordinator = new Coordinator(config, InstantSource.system());
                 ChainClient depositor = ChainClient.connect(anvil.rpcUrl(), anvil.devPrivateKeys().get(1))) {
                var contracts = ((EvmSettlement) coordinator.settlement()).contracts();
                contract = contracts.addresses().settlement();
                BigInteger amount = Units.toBaseUnits(3_000_000);
                contracts.mintStable(depositor.address(), amount.multiply(BigInteger.TWO));
                contracts.as(depositor).deposit("acct-alice", amount);
                contracts.as(depositor).deposit("no account", amount);
                anvil.mine(2);
                coordinator.depositWatcher().runOnce(Instant.now());
            }
            String rpc = anvil.rpcUrl();
            // The store recorded its contract at first start: verify finds it without the data dir's chain.json.
            java.nio.file.Files.delete(data.resolve(org.gridmint.coordinator.settlement.ChainFile.NAME));

            Cli.Result ok = Cli.run(Map.of(), "ledger", "verify", "--data-dir", data.toString(), "--chain-rpc", rpc);
            Cli.Result noRpc = Cli.run(Map.of(), "ledger", "verify", "--data-dir", data.toString());
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(JdbcStore.SQLITE_FILE))) {
                c.createStatement().executeUpdate("UPDATE chain_deposits SET amount = 5000000 WHERE account = 'acct-alice'");
            }
            Cli.Result broken = Cli.run(Map.of(), "ledger", "verify", "--data-dir", data.toString(), "--chain-rpc", rpc);

            assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
            assertThat(ok.out()).contains("OK").contains("names no account ('no account')");
            // The chain check says what it found, one line per fact, not only that nothing broke.
            assertThat(ok.out()).contains("on-chain: 0 posted epochs match the settlement contract " + contract + " (root, credits and GRID)")
                    .contains("on-chain: 1 deposit credited by the journal found on-chain")
                    .contains("has its chain_deposits row, credited or unroutable (2 logs)")
                    .contains("on-chain: the contract holds 6 stable credits for 0 outstanding to unclaimed payouts");
            assertThat(noRpc.out()).doesNotContain("on-chain:");
            assertThat(noRpc.exit()).isZero();
            assertThat(noRpc.out()).contains("pass --chain-rpc URL to check it too");
            assertThat(broken.exit()).isEqualTo(LedgerCommand.BROKEN);
            assertThat(broken.out()).contains("credits 3 but its chain_deposits row says 5").contains("no matching Deposited log on-chain");
        }
    }
}
