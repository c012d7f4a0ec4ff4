package org.gridmint.cli;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.gridmint.api.auth.Identity;
import org.gridmint.client.GridmintClient;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of every command that talks to a coordinator as a client; mix it in with
 * {@code @Mixin ClientOptions client;} and call {@link #connect()}. Requests are signed with the key pair in the
 * data dir, which is the caller's account.
 */
public final class ClientOptions {
    static final String COORDINATOR_ENV = "GRIDMINT_COORDINATOR";
    public static final String HOME_ENV = "GRIDMINT_HOME";
    static final String DEFAULT_COORDINATOR = "http://127.0.0.1:7070";
    /** Says where the key pair lives, for every command that takes a {@code --data-dir} for it. */
    public static final String DATA_DIR_HELP = "Where your key pair (your account) lives; created on first use."
            + " Default: $" + HOME_ENV + ", else ~/.gridmint.";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--coordinator", paramLabel = "URL",
            description = "The coordinator's base URL. Default: $" + COORDINATOR_ENV + ", else " + DEFAULT_COORDINATOR + ".")
    String coordinator;

    @Option(names = "--data-dir", paramLabel = "DIR", description = DATA_DIR_HELP)
    Path dataDir;

    /** The coordinator URL from the flag, the environment or the default, checked. */
    public URI coordinatorUrl() {
        CliContext ctx = CliContext.of(mixee);
        if (coordinator != null) return parse(coordinator, "--coordinator");
        String fromEnv = ctx.env(COORDINATOR_ENV);
        return parse(fromEnv != null ? fromEnv : DEFAULT_COORDINATOR, "$" + COORDINATOR_ENV);
    }

    /** The identity in the chosen data dir, created there on first use. */
    public Identity identity() {
        return loadIdentity(dataDirOrDefault(dataDir, CliContext.of(mixee)));
    }

    /** A client of the chosen coordinator, signing as {@link #identity()}; the caller closes it. */
    public GridmintClient connect() {
        return new GridmintClient(coordinatorUrl(), identity());
    }

    /** {@code flag} when given, else $GRIDMINT_HOME, else ~/.gridmint: where a user's key pair lives. */
    public static Path dataDirOrDefault(Path flag, CliContext ctx) {
        if (flag != null) return flag;
        String home = ctx.env(HOME_ENV);
        return home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".gridmint");
    }

    /** The identity in {@code dir}, created on first use; a key that cannot be read or made is an error for the user. */
    public static Identity loadIdentity(Path dir) {
        try {
            return Identity.loadOrCreate(dir);
        } catch (UncheckedIOException e) {
            throw new CliException("error: " + e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
        }
    }

    /**
     * The provider a provider-owner command acts on: {@code flag} when given, else the provider id its agent keeps in the
     * data dir (so that {@code --data-dir ./prov1} alone names both the owner's key and the provider).
     */
    public String providerIdOr(String flag) {
        if (flag != null) return flag;
        Path dir = dataDirOrDefault(dataDir, CliContext.of(mixee));
        try {
            return new org.gridmint.provider.agent.ProviderIdFile(dir).read().orElseThrow(() -> new CommandLine.ParameterException(mixee.commandLine(),
                    "--provider is required: " + dir + " holds no provider id (pass the agent's data dir as --data-dir)"));
        } catch (UncheckedIOException e) {
            throw new CliException("error: " + e.getMessage() + ": " + e.getCause().getMessage());
        }
    }

    private URI parse(String value, String source) {
        try {
            URI u = new URI(value.strip());
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null && u.getQuery() == null) return u;
        } catch (URISyntaxException ignored) {
            // Reported below with the expected form.
        }
        throw new CommandLine.ParameterException(mixee.commandLine(),
                "Invalid coordinator URL '" + value + "' from " + source + ": expected http(s)://HOST[:PORT], e.g. " + DEFAULT_COORDINATOR);
    }
}
