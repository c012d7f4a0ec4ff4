package org.gridmint.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gridmint.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's test-only fault injection flags: refused without the environment's consent, and loud in --help. */
class ProviderFaultFlagsTest {
    @TempDir Path tmp;

    private Cli.Result provider(Map<String, String> env, String... flags) {
        var args = new java.util.ArrayList<>(java.util.List.of("provider", "--coordinator", "http://127.0.0.1:9", "--data-dir",
                tmp.resolve("agent").toString(), "--allow-unsandboxed"));
        args.addAll(java.util.List.of(flags));
        return Cli.run(env, args.toArray(String[]::new));
    }

    @Test
    void injectWrongResults_withoutTheEnvironmentVariable_isAUsageError_thatStartsNothing() {
        Cli.Result r = provider(Map.of(), "--inject-wrong-results", "0.2");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--inject-wrong-results").contains("WRONG results")
                .contains("GRIDMINT_ALLOW_FAULT_INJECTION=yes-this-agent-cheats");
        assertThat(Files.exists(tmp.resolve("agent"))).as("no key, no data dir: nothing started").isFalse();
    }

    @Test
    void injectWrongResults_withAnotherValueOfTheVariable_isRefusedToo() {
        Cli.Result r = provider(Map.of("GRIDMINT_ALLOW_FAULT_INJECTION", "yes"), "--inject-wrong-results", "1");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("GRIDMINT_ALLOW_FAULT_INJECTION=yes-this-agent-cheats");
    }

    @Test
    void injectWrongResults_outsideZeroToOne_isAUsageError_namingTheFlag() {
        Cli.Result r = provider(Map.of("GRIDMINT_ALLOW_FAULT_INJECTION", "yes-this-agent-cheats"), "--inject-wrong-results", "1.5");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--inject-wrong-results must be between 0 and 1, got 1.5");
        assertThat(Files.exists(tmp.resolve("agent"))).isFalse();
    }

    @Test
    void faultSeed_withoutInjectWrongResults_isAUsageError() {
        Cli.Result r = provider(Map.of(), "--fault-seed", "3");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--fault-seed needs --inject-wrong-results");
    }

    @Test
    void help_saysLoudlyThatTheFlagMakesTheAgentCheat_andNeedsTheVariable() {
        Cli.Result r = Cli.run(Map.of(), "provider", "--help");

        assertThat(r.out()).contains("--inject-wrong-results=RATE").contains("TEST ONLY. THIS MAKES THE AGENT CHEAT").contains("WRONG results")
                .contains("GRIDMINT_ALLOW_FAULT_INJECTION is").contains("yes-this-agent-cheats").contains("--fault-seed=N");
    }
}
