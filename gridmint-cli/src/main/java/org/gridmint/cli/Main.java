package org.gridmint.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.gridmint.cli.chain.ChainCommand;
import org.gridmint.cli.demo.DemoCommand;
import org.gridmint.cli.gateway.ApiKeyCommand;
import org.gridmint.cli.gateway.InferCommand;
import org.gridmint.cli.job.JobCommand;
import org.gridmint.cli.keys.KeysCommand;
import org.gridmint.cli.ledger.LedgerCommand;
import org.gridmint.cli.network.NetworkCommand;
import org.gridmint.cli.serve.CoordinatorCommand;
import org.gridmint.cli.serve.ProviderCommand;
import org.gridmint.cli.sim.SimulateCommand;
import org.gridmint.cli.wallet.WalletCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gridmint} command. Each feature is a subcommand listed in {@code subcommands} below; a
 * subcommand reaches the shared {@link CliContext} with {@code CliContext.of(spec)} and connects to a
 * coordinator through the {@link ClientOptions} mixin.
 */
@Command(
        name = "gridmint",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Gridmint: rent GPUs out, or run jobs on other people's.",
        subcommands = {CoordinatorCommand.class, ProviderCommand.class, JobCommand.class, ProvidersCommand.class, WalletCommand.class, LedgerCommand.class,
                KeysCommand.class, ChainCommand.class, ApiKeyCommand.class, InferCommand.class, NetworkCommand.class, SimulateCommand.class, DemoCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Environment:",
                "  GRIDMINT_COORDINATOR  the coordinator's URL (default http://127.0.0.1:7070)",
                "  GRIDMINT_HOME         where your key pair (your account) lives (default ~/.gridmint); --data-dir overrides it",
                "  GRIDMINT_API_KEY      the gateway API key `gridmint infer` uses (make one with `gridmint apikey create`)"})
public final class Main {
    private final CliContext context;

    public Main() {
        this(CliContext.system());
    }

    public Main(CliContext context) {
        this.context = context;
    }

    public CliContext context() {
        return context;
    }

    public static void main(String[] args) {
        System.exit(commandLine(CliContext.system()).execute(args));
    }

    /** The configured command line: error reporting and exit codes as every Gridmint command uses them. */
    public static CommandLine commandLine(CliContext context) {
        return new CommandLine(new Main(context))
                .setExecutionExceptionHandler(new ErrorHandler())
                .setParameterExceptionHandler(new UsageErrorHandler())
                .setUsageHelpAutoWidth(true)
                .setAbbreviatedOptionsAllowed(false);
    }

    /** States the version the jar was built as, and the Java it runs on. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/gridmint-version.properties")) {
                if (in != null) p.load(in);
            } catch (IOException ignored) {
                // Only the version line suffers; say "unknown" below.
            }
            return new String[] {"gridmint " + p.getProperty("version", "unknown"),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")"};
        }
    }
}
