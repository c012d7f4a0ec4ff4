package org.gridmint.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gridmint.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's online serving flags: documented, and a bad capacity stops it at start with the flag's name. */
class ProviderOnlineFlagsTest {
    @TempDir Path tmp;

    private Cli.Result provider(String... flags) {
        var args = new java.util.ArrayList<>(java.util.List.of("provider", "--coordinator", "http://127.0.0.1:9", "--data-dir",
                tmp.resolve("agent").toString(), "--allow-unsandboxed"));
        args.addAll(java.util.List.of(flags));
        return Cli.run(Map.of(), args.toArray(String[]::new));
    }

    @Test
    void onlineCapacityZero_isRefusedNamingTheFlag_andStartsNothing() {
        Cli.Result r = provider("--online-capacity", "0");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--online-capacity must be between 1 and 256, got 0");
        assertThat(Files.exists(tmp.resolve("agent"))).as("no key, no data dir: nothing started").isFalse();
    }

    @Test
    void onlineCapacityNotANumber_isAUsageError() {
        Cli.Result r = provider("--online-capacity", "two");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--online-capacity");
    }

    @Test
    void help_documentsOnlineAndItsNegation_andTheCapacity() {
        Cli.Result r = Cli.run(Map.of(), "provider", "--help");

        assertThat(r.out()).contains("--[no-]online").contains("--online-capacity=N").contains("behind NAT").contains("default: 2");
    }
}
