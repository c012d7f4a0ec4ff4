package org.gridmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

class MainTest {
    private static List<CommandLine> allCommands() {
        List<CommandLine> all = new ArrayList<>();
        collect(Main.commandLine(CliContext.system()), all);
        return all;
    }

    private static void collect(CommandLine cmd, List<CommandLine> into) {
        into.add(cmd);
        cmd.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }

    @Test
    void everyCommand_hasHelpAndVersion_andDescribesEveryOption() {
        for (CommandLine cmd : allCommands()) {
            CommandSpec spec = cmd.getCommandSpec();
            if (spec.userObject() instanceof CommandLine.HelpCommand) continue;
            assertThat(spec.optionsMap()).as(spec.qualifiedName()).containsKeys("--help", "--version");
            assertThat(spec.usageMessage().description()).as(spec.qualifiedName()).isNotEmpty();
            for (OptionSpec o : spec.options()) {
                assertThat(String.join(" ", o.description())).as(spec.qualifiedName() + " " + o.longestName()).isNotBlank();
            }
        }
    }

    @Test
    void help_listsEveryOptionOfEachCommand() {
        for (CommandLine cmd : allCommands()) {
            CommandSpec spec = cmd.getCommandSpec();
            if (spec.userObject() instanceof CommandLine.HelpCommand) continue;
            String[] args = (spec.qualifiedName().replaceFirst("^gridmint ?", "") + " --help").strip().split(" ");
            Cli.Result r = Cli.run(Map.of(), args);
            assertThat(r.exit()).as(spec.qualifiedName()).isZero();
            for (OptionSpec o : spec.options()) assertThat(r.out()).as(spec.qualifiedName()).contains(o.longestName());
        }
    }

    @Test
    void coordinatorHelp_printsTheFeeFlagsPercentSigns() {
        Cli.Result r = Cli.run(Map.of(), "coordinator", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out().replaceAll("\\s+", " ")).contains("0% to 50%, e.g. 1% or 0.5% (default: 1%)").doesNotContain("%%");
    }

    @Test
    void coordinatorStakeFlags_makeTheStakeConfig_andABadOneNamesItsFlag() {
        var cmd = new org.gridmint.cli.serve.CoordinatorCommand();
        new CommandLine(cmd).parseArgs("--slash-share", "20%", "--slash-client-share", "75", "--slash-quarantine", "2h", "--unbonding-period", "3d",
                "--default-min-stake", "25", "--min-stake-above", "100");

        var stake = cmd.stakeConfig();

        assertThat(stake.terms()).isEqualTo(new org.gridmint.core.verify.SlashTerms(0.2, 0.75));
        assertThat(stake.slashQuarantine()).isEqualTo(java.time.Duration.ofHours(2));
        assertThat(stake.unbondingPeriod()).isEqualTo(java.time.Duration.ofDays(3));
        assertThat(stake.minStakeFor(null, org.gridmint.core.money.Credits.parse("100.000001"))).isEqualTo(org.gridmint.core.money.Credits.parse("25"));
        assertThat(stake.minStakeFor(null, org.gridmint.core.money.Credits.parse("100"))).isEqualTo(org.gridmint.core.money.Credits.ZERO);
        Cli.Result bad = Cli.run(Map.of(), "coordinator", "--slash-share", "150%", "--port", "0");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("--slash-share");
    }

    @Test
    void coordinatorGatewayFlags_makeTheGatewayConfig_defaultingToItsDefaults_andABadOneNamesItsFlag() {
        var cmd = new org.gridmint.cli.serve.CoordinatorCommand();
        new CommandLine(cmd).parseArgs("--gateway-timeout", "5s", "--gateway-max-items", "64");
        var none = new org.gridmint.cli.serve.CoordinatorCommand();
        new CommandLine(none).parseArgs();

        assertThat(cmd.gatewayConfig().callTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(cmd.gatewayConfig().maxItems()).isEqualTo(64);
        assertThat(none.gatewayConfig()).isEqualTo(org.gridmint.coordinator.gateway.GatewayConfig.DEFAULT);
        assertThat(Cli.run(Map.of(), "coordinator", "--help").out().replaceAll("\\s+", " ")).contains("--gateway-timeout").contains("(default: 30s)")
                .contains("--gateway-max-items").contains("(default: 2048)");
        Cli.Result bad = Cli.run(Map.of(), "coordinator", "--gateway-max-items", "0", "--port", "0");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("--gateway-max-items");
    }

    @Test
    void clientCommands_takeTheCoordinatorAndDataDirOptions() {
        for (String[] c : new String[][] {{"job", "submit"}, {"job", "watch"}, {"job", "status"}, {"job", "logs"}, {"job", "results"},
                {"job", "cancel"}, {"job", "list"}, {"providers"}, {"provider", "quarantine"}, {"provider", "unquarantine"},
                {"provider", "stake"}, {"provider", "unstake"}}) {
            CommandLine cmd = Main.commandLine(CliContext.system());
            for (String name : c) cmd = cmd.getSubcommands().get(name);
            assertThat(cmd.getCommandSpec().optionsMap()).as(String.join(" ", c)).containsKeys("--coordinator", "--data-dir")
                    .doesNotContainKey("--account");
        }
    }

    @Test
    void version_namesGridmintAndJava() {
        Cli.Result r = Cli.run(Map.of(), "--version");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("gridmint ").contains("Java ");
    }

    @Test
    void jobWithoutSubcommand_isAUsageError_listingTheSubcommands() {
        Cli.Result r = Cli.run(Map.of(), "job");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required subcommand").contains("submit").contains("watch");
    }

    @Test
    void misspelledSubcommand_suggestsTheRightOne() {
        Cli.Result r = Cli.run(Map.of(), "job", "stauts", "job-1");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Did you mean").contains("job status");
    }
}
