package org.gridmint.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gridmint.cli.CliContext;
import org.gridmint.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
    @TempDir
    Path dir;

    private String[] run(Map<String, String> env, String... args) {
        var cmd = Main.commandLine(new CliContext(env, "tester", false, System.out));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void show_createsTheKeyOnce_andPrintsTheAccountFirst() {
        String[] first = run(Map.of(), "keys", "show", "--data-dir", dir.toString());
        assertThat(first[0]).isEqualTo("0");
        String account = first[1].lines().findFirst().orElseThrow();
        assertThat(account).matches("acct-[a-z2-7]{32}");
        assertThat(Files.exists(dir.resolve("identity.key"))).isTrue();
        String[] again = run(Map.of(), "keys", "show", "--data-dir", dir.toString());
        assertThat(again[1].lines().findFirst()).hasValue(account);
    }

    @Test
    void show_defaultsToGridmintHome() {
        String[] r = run(Map.of("GRIDMINT_HOME", dir.resolve("home").toString()), "keys", "show");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).contains(dir.resolve("home").resolve("identity.key").toString());
    }

    @Test
    void show_corruptKey_failsWithoutReplacingIt() throws Exception {
        Files.writeString(dir.resolve("identity.key"), "public=AAAA\n");
        String[] r = run(Map.of(), "keys", "show", "--data-dir", dir.toString());
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[2]).contains("error:").contains("identity");
        assertThat(Files.readString(dir.resolve("identity.key"))).isEqualTo("public=AAAA\n");
    }
}
