package org.gridmint.cli;

import java.net.URI;
import java.net.URISyntaxException;
import org.gridmint.client.GridmintClient;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of every command that talks to a coordinator as a client; mix it in with
 * {@code @Mixin ClientOptions client;} and call {@link #connect()}.
 */
public final class ClientOptions {
    static final String COORDINATOR_ENV = "GRIDMINT_COORDINATOR";
    static final String ACCOUNT_ENV = "GRIDMINT_ACCOUNT";
    static final String DEFAULT_COORDINATOR = "http://127.0.0.1:7070";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--coordinator", paramLabel = "URL",
            description = "The coordinator's base URL. Default: $" + COORDINATOR_ENV + ", else " + DEFAULT_COORDINATOR + ".")
    String coordinator;

    @Option(names = "--account", paramLabel = "NAME",
            description = "The account to act as; jobs belong to it. Default: $" + ACCOUNT_ENV + ", else your OS user name.")
    String account;

    /** The coordinator URL from the flag, the environment or the default, checked. */
    public URI coordinatorUrl() {
        CliContext ctx = CliContext.of(mixee);
        if (coordinator != null) return parse(coordinator, "--coordinator");
        String fromEnv = ctx.env(COORDINATOR_ENV);
        return parse(fromEnv != null ? fromEnv : DEFAULT_COORDINATOR, "$" + COORDINATOR_ENV);
    }

    /** The account name from the flag, the environment or the OS user. */
    public String account() {
        if (account != null) {
            if (account.isBlank()) throw new CommandLine.ParameterException(mixee.commandLine(), "--account must not be blank");
            return account.strip();
        }
        CliContext ctx = CliContext.of(mixee);
        String fromEnv = ctx.env(ACCOUNT_ENV);
        return fromEnv != null ? fromEnv : ctx.userName();
    }

    /** A client of the chosen coordinator; the caller closes it. */
    public GridmintClient connect() {
        return new GridmintClient(coordinatorUrl(), account());
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
