package org.gridmint.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.gridmint.cli.Cli;
import org.gridmint.coordinator.settlement.ChainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gridmint coordinator --chain-*}: the flags make the chain settings, and a half-given chain is a usage error naming what is missing. */
class CoordinatorChainFlagsTest {
    @TempDir Path dir;

    @Test
    void chainFlags_makeTheChainConfig_withTheirDefaults() {
        var cmd = new CoordinatorCommand();
        new CommandLine(cmd).parseArgs("--chain-rpc", "http://127.0.0.1:8545", "--chain-key", "op.key", "--chain-contract", "0x" + "ab".repeat(20),
                "--chain-public-rpc", "https://rpc.example");
        var none = new CoordinatorCommand();
        new CommandLine(none).parseArgs();

        ChainConfig c = cmd.chainConfig();

        assertThat(c.rpc()).isEqualTo("http://127.0.0.1:8545");
        assertThat(c.keyFile()).isEqualTo(Path.of("op.key").toAbsolutePath());
        assertThat(c.contract()).isEqualTo("0x" + "ab".repeat(20));
        assertThat(c.confirmations()).isEqualTo(ChainConfig.DEFAULT_CONFIRMATIONS);
        assertThat(c.poll()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.publicRpc()).isEqualTo("https://rpc.example");
        assertThat(none.chainConfig()).isNull();
    }

    @Test
    void chainKeyWithoutRpc_andRpcWithoutKey_areUsageErrors_namingTheMissingFlag() {
        Cli.Result keyOnly = Cli.run(Map.of(), "coordinator", "--chain-key", "op.key", "--port", "0", "--data-dir", dir.toString());
        Cli.Result rpcOnly = Cli.run(Map.of(), "coordinator", "--chain-rpc", "http://127.0.0.1:1", "--port", "0", "--data-dir", dir.toString());
        Cli.Result contractOnly = Cli.run(Map.of(), "coordinator", "--chain-contract", "0x" + "ab".repeat(20), "--port", "0", "--data-dir",
                dir.toString());

        assertThat(keyOnly.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(keyOnly.err()).contains("--chain-key needs --chain-rpc");
        assertThat(rpcOnly.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(rpcOnly.err()).contains("--chain-rpc needs --chain-key");
        assertThat(contractOnly.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(contractOnly.err()).contains("--chain-contract needs --chain-rpc");
    }

    @Test
    void badConfirmations_isAnErrorNamingTheFlag() {
        Cli.Result bad = Cli.run(Map.of(), "coordinator", "--chain-rpc", "http://127.0.0.1:1", "--chain-key", "op.key", "--confirmations", "0",
                "--port", "0", "--data-dir", dir.toString());

        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("--confirmations must be between 1 and 1000");
    }

    @Test
    void help_namesEveryChainFlag_andWarnsThatDevCreditsAreNotBacked() {
        String help = Cli.run(Map.of(), "coordinator", "--help").out().replaceAll("\\s+", " ");

        assertThat(help).contains("--chain-rpc").contains("--chain-key").contains("--chain-contract").contains("--confirmations")
                .contains("--chain-poll").contains("--chain-public-rpc").contains("not backed on-chain");
    }
}
