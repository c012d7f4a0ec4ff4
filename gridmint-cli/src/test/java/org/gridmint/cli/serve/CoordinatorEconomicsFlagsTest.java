package org.gridmint.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.gridmint.cli.Cli;
import org.gridmint.coordinator.economics.EconomicsConfig;
import org.gridmint.core.economics.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The coordinator's economics flags: documented with their defaults, read into the config, and a bad one refused naming it. */
class CoordinatorEconomicsFlagsTest {
    @TempDir Path tmp;

    private static EconomicsConfig parse(String... flags) {
        var cmd = new CoordinatorCommand();
        new CommandLine(cmd).parseArgs(flags);
        return cmd.economicsConfig();
    }

    @Test
    void noFlags_giveTheDefaults() {
        assertThat(parse()).isEqualTo(EconomicsConfig.DEFAULT);
    }

    @Test
    void flags_makeTheEconomicsConfig() {
        EconomicsConfig c = parse("--epoch", "10m", "--genesis", "2026-12-01T00:00:00Z", "--emission-initial", "250.5", "--emission-halving", "12",
                "--emission-treasury-share", "12.5%", "--grid-price", "0.2");

        assertThat(c.epoch()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.genesis()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(c.schedule().initial()).isEqualTo(Tokens.parse("250.5"));
        assertThat(c.schedule().halvingEpochs()).isEqualTo(12);
        assertThat(c.treasuryShareBasisPoints()).isEqualTo(1250);
        assertThat(c.gridPrice()).isEqualByComparingTo("0.2");
    }

    @Test
    void badValues_areRefusedNamingTheFlag_andStartNothing() {
        String[][] bad = {{"--epoch", "500ms"}, {"--epoch", "40d"}, {"--genesis", "yesterday"}, {"--genesis", "2026-12-01T00:00:00.5Z"},
                {"--emission-initial", "-1"}, {"--emission-initial", "lots"}, {"--emission-halving", "0"}, {"--emission-halving", "1.5"},
                {"--emission-treasury-share", "101%"}, {"--emission-treasury-share", "0.001%"}, {"--grid-price", "-0.1"}, {"--grid-price", "free"}};
        for (String[] flag : bad) {
            Cli.Result r = Cli.run(Map.of(), "coordinator", "--data-dir", tmp.resolve("coord").toString(), "--port", "0", flag[0], flag[1]);

            assertThat(r.exit()).as(String.join(" ", flag)).isNotZero();
            assertThat(r.err()).as(String.join(" ", flag)).contains(flag[0]);
        }
        assertThat(Files.exists(tmp.resolve("coord"))).as("nothing started").isFalse();
    }

    @Test
    void help_documentsEveryEconomicsFlagWithItsDefault() {
        String help = Cli.run(Map.of(), "coordinator", "--help").out().replaceAll("\\s+", " ");

        assertThat(help).contains("--epoch=DURATION").contains("(default: 1h)").contains("--genesis=INSTANT")
                .contains("--emission-initial=GRID").contains("(default: 1000)").contains("--emission-halving=EPOCHS").contains("(default: 8760")
                .contains("--emission-treasury-share=PERCENT").contains("(default: 10%)").contains("--grid-price=CREDITS").contains("(default: 0.05)")
                .doesNotContain("%%");
    }
}
