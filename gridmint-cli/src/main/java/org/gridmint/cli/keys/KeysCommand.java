package org.gridmint.cli.keys;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gridmint.api.auth.Identity;
import org.gridmint.cli.CliContext;
import org.gridmint.cli.ClientOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gridmint keys}: shows (creating on first use) the key pair and account id kept in a data dir. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Manage the Ed25519 key pair that identifies you: your account id is derived from its public key.",
        subcommands = {KeysCommand.Show.class})
public final class KeysCommand {

    /** {@code gridmint keys show}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Print your account id and public key, creating the key pair on first use.",
                    "The private key stays in DIR/identity.key (mode 0600); back it up: losing it loses the account."})
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Where the key pair lives (default: $GRIDMINT_HOME, else ~/.gridmint; a provider passes its own --data-dir,"
                        + " an operator the coordinator's).")
        Path dataDir;

        @Override
        public Integer call() {
            Path dir = ClientOptions.dataDirOrDefault(dataDir, CliContext.of(spec));
            Identity id = ClientOptions.loadIdentity(dir);
            PrintWriter out = spec.commandLine().getOut();
            out.println(id.account());
            out.println("public key  " + id.publicKeyText());
            out.println("key file    " + dir.toAbsolutePath().resolve(Identity.FILE));
            out.flush();
            return 0;
        }
    }
}
