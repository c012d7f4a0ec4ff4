package org.gridmint.cli.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.gridmint.chain.ChainKeys;
import org.gridmint.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The on-chain commands' command lines, checked before anything is sent: keygen's key file, and bad flags and arguments
 * of deposit, claim and address, each a usage error naming what is wrong. The coordinator they would talk to does not
 * exist (an unused port), so a command that got past its checks would fail differently.
 */
class ChainCommandLineTest {
    /** Nothing listens here: a command that reached the coordinator would say it cannot reach it, not what these tests expect. */
    private static final String NOWHERE = "http://127.0.0.1:9";

    @TempDir Path tmp;

    private Cli.Result run(String... args) {
        return Cli.run(Map.of("GRIDMINT_HOME", tmp.resolve("home").toString()), args);
    }

    @Test
    void keygen_writesAnOwnerOnlyKeyFile_andPrintsItsAddressFirst() throws Exception {
        Path key = tmp.resolve("keys/wallet.key");

        Cli.Result r = run("chain", "keygen", "--out", key.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.firstLine()).matches("0x[0-9a-f]{40}").isEqualTo(ChainKeys.addressOf(ChainKeys.readKeyFile(key)));
        assertThat(r.out()).contains("key file  " + key.toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void keygen_neverOverwritesAKey_andKeepsTheOldOne() throws Exception {
        Path key = tmp.resolve("wallet.key");
        run("chain", "keygen", "--out", key.toString());
        String before = Files.readString(key);

        Cli.Result again = run("chain", "keygen", "--out", key.toString());

        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("--out").contains("already exists");
        assertThat(Files.readString(key)).isEqualTo(before);
    }

    @Test
    void keygen_twice_makesTwoDifferentKeys() {
        String a = run("chain", "keygen", "--out", tmp.resolve("a.key").toString()).firstLine();
        String b = run("chain", "keygen", "--out", tmp.resolve("b.key").toString()).firstLine();

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void keygen_withoutOut_isAUsageErrorNamingIt() {
        Cli.Result r = run("chain", "keygen");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--out");
    }

    @Test
    void deposit_withABadAmount_orNoKey_orABadRpcUrl_orTimeout_isAUsageErrorNamingIt() throws Exception {
        Path key = tmp.resolve("wallet.key");
        ChainKeys.writeKeyFile(key, ChainKeys.newPrivateKeyHex());
        record Case(String names, List<String> args) {}
        List<Case> cases = List.of(
                new Case("AMOUNT", List.of("wallet", "deposit", "0", "--chain-key", key.toString())),
                new Case("AMOUNT", List.of("wallet", "deposit", "1.0000001", "--chain-key", key.toString())),
                new Case("AMOUNT", List.of("wallet", "deposit", "lots", "--chain-key", key.toString())),
                new Case("--chain-key", List.of("wallet", "deposit", "5")),
                new Case("--rpc", List.of("wallet", "deposit", "5", "--chain-key", key.toString(), "--rpc", "ftp://node:8545")),
                new Case("--wait-timeout", List.of("wallet", "deposit", "5", "--chain-key", key.toString(), "--wait-timeout", "0s")));
        for (Case c : cases) {
            List<String> args = new java.util.ArrayList<>(c.args());
            args.addAll(List.of("--coordinator", NOWHERE));

            Cli.Result r = run(args.toArray(String[]::new));

            assertThat(r.exit()).as("%s: %s", c.args(), r.err()).isEqualTo(2);
            assertThat(r.err()).as("%s", c.args()).contains(c.names());
        }
    }

    @Test
    void claim_withANegativeEpoch_orNoKey_isAUsageErrorNamingIt() throws Exception {
        Path key = tmp.resolve("wallet.key");
        ChainKeys.writeKeyFile(key, ChainKeys.newPrivateKeyHex());

        Cli.Result negative = run("provider", "claim", "--chain-key", key.toString(), "--epoch", "-1", "--coordinator", NOWHERE);
        Cli.Result noKey = run("wallet", "claim", "--coordinator", NOWHERE);

        assertThat(negative.exit()).isEqualTo(2);
        assertThat(negative.err()).contains("--epoch must be an epoch number >= 0");
        assertThat(noKey.exit()).isEqualTo(2);
        assertThat(noKey.err()).contains("--chain-key");
    }

    @Test
    void address_withABadAddress_bothForms_orABadKeyFile_isAUsageErrorNamingIt() throws Exception {
        Path bad = tmp.resolve("bad.key");
        Files.writeString(bad, "0x1234\n");

        Cli.Result shortAddress = run("wallet", "address", "0x12", "--coordinator", NOWHERE);
        Cli.Result notHex = run("wallet", "address", "0x" + "g".repeat(40), "--coordinator", NOWHERE);
        Cli.Result both = run("wallet", "address", "0x" + "1".repeat(40), "--chain-key", bad.toString(), "--coordinator", NOWHERE);
        Cli.Result badKey = run("wallet", "address", "--chain-key", bad.toString(), "--coordinator", NOWHERE);
        Cli.Result noKey = run("wallet", "address", "--chain-key", tmp.resolve("missing.key").toString(), "--coordinator", NOWHERE);

        assertThat(List.of(shortAddress, notHex, both, badKey, noKey)).allSatisfy(r -> assertThat(r.exit()).as(r.err()).isEqualTo(2));
        assertThat(shortAddress.err()).contains("ADDRESS must be 0x and 40 hex digits, was '0x12'");
        assertThat(notHex.err()).contains("ADDRESS must be 0x and 40 hex digits");
        assertThat(both.err()).contains("give ADDRESS or --chain-key, not both");
        assertThat(badKey.err()).contains("--chain-key").contains("64 hex digits");
        assertThat(noKey.err()).contains("--chain-key").contains("does not exist").contains("gridmint chain keygen");
    }

    @Test
    void withdraw_withABadAmount_isAUsageErrorNamingIt() {
        for (String bad : List.of("0", "-1", "2.0000001", "x")) {
            Cli.Result r = run("wallet", "withdraw", "--coordinator", NOWHERE, "--", bad);

            assertThat(r.exit()).as(bad).isEqualTo(2);
            assertThat(r.err()).as(bad).contains("AMOUNT");
        }
    }

    @Test
    void help_ofEverySettlementCommand_documentsEveryFlag() {
        Map<List<String>, List<String>> flags = Map.of(
                List.of("chain", "keygen"), List.of("--out"),
                List.of("chain", "info"), List.of("--coordinator", "--data-dir", "--json"),
                List.of("wallet", "deposit"), List.of("AMOUNT", "--chain-key", "--rpc", "--no-wait", "--wait-timeout", "--coordinator", "--data-dir"),
                List.of("wallet", "address"), List.of("ADDRESS", "--chain-key", "--coordinator", "--data-dir"),
                List.of("wallet", "withdraw"), List.of("AMOUNT", "--reference", "--coordinator", "--data-dir"),
                List.of("wallet", "withdrawals"), List.of("--json", "--coordinator", "--data-dir"),
                List.of("wallet", "claims"), List.of("--json", "--coordinator", "--data-dir"),
                List.of("wallet", "claim"), List.of("--chain-key", "--rpc", "--epoch", "--coordinator", "--data-dir"),
                List.of("provider", "claim"), List.of("--chain-key", "--rpc", "--epoch", "--coordinator", "--data-dir"));
        flags.forEach((command, expected) -> {
            List<String> args = new java.util.ArrayList<>(command);
            args.add("--help");

            Cli.Result r = run(args.toArray(String[]::new));

            assertThat(r.exit()).as("%s", command).isZero();
            assertThat(r.out()).as("%s", command).contains(expected).contains("--help", "--version");
        });
    }
}
