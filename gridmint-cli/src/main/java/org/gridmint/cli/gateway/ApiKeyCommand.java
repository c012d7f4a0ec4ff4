package org.gridmint.cli.gateway;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.gridmint.api.ApiKeyList;
import org.gridmint.api.ApiKeyView;
import org.gridmint.api.json.Json;
import org.gridmint.cli.ClientOptions;
import org.gridmint.cli.format.Table;
import org.gridmint.client.GridmintClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gridmint apikey}: create, list and revoke the API keys with which OpenAI clients call the gateway as your account. */
@Command(name = "apikey", mixinStandardHelpOptions = true,
        description = {"Manage API keys of the coordinator's OpenAI-compatible gateway (POST /v1/embeddings, GET /v1/models).",
                "A key acts for your account (the key pair in --data-dir): what it is used for is billed to your wallet."},
        subcommands = {ApiKeyCommand.Create.class, ApiKeyCommand.ListKeys.class, ApiKeyCommand.Revoke.class})
public final class ApiKeyCommand {
    /** The longest key name the coordinator takes. */
    static final int MAX_NAME = 64;

    /** {@code gridmint apikey create}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create an API key and print its secret (gm-…) once: it cannot be shown again, so store it now.",
                    "Use it as OPENAI_API_KEY with base URL COORDINATOR/v1, or as GRIDMINT_API_KEY for `gridmint infer embed`."})
    static final class Create implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ClientOptions client;

        @Option(names = "--name", paramLabel = "NAME", defaultValue = "default",
                description = "A label to tell your keys apart, 1-" + MAX_NAME + " characters (default: ${DEFAULT-VALUE}).")
        String name;

        @Override
        public Integer call() {
            if (name.isBlank() || name.length() > MAX_NAME) {
                throw new ParameterException(spec.commandLine(), "--name must be 1-" + MAX_NAME + " characters, got '" + name + "'");
            }
            try (GridmintClient c = client.connect()) {
                ApiKeyView k = c.createApiKey(name);
                PrintWriter out = spec.commandLine().getOut();
                out.println(k.key());
                out.flush();
                PrintWriter err = spec.commandLine().getErr();
                err.println("created API key " + k.id() + " (" + k.name() + ")");
                err.println("warning: this is the only time the key is shown; store it now. Revoke it with `gridmint apikey revoke " + k.id() + "`.");
                err.flush();
                return 0;
            }
        }
    }

    /** {@code gridmint apikey list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List your API keys, newest first, revoked ones too (never their secrets).")
    static final class ListKeys implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ClientOptions client;

        @Option(names = "--json", description = "Print the list as JSON instead of a table.")
        boolean json;

        @Override
        public Integer call() {
            try (GridmintClient c = client.connect()) {
                List<ApiKeyView> keys = c.apiKeys().keys();
                PrintWriter out = spec.commandLine().getOut();
                if (json) out.println(Json.writePretty(new ApiKeyList(keys)));
                else if (keys.isEmpty()) spec.commandLine().getErr().println("no API keys yet: create one with `gridmint apikey create`");
                else out.print(table(keys));
                out.flush();
                spec.commandLine().getErr().flush();
                return 0;
            }
        }

        static String table(List<ApiKeyView> keys) {
            Table t = Table.of("ID", "NAME", "PREFIX", "CREATED", "STATE");
            for (ApiKeyView k : keys) {
                t.row(k.id(), k.name(), k.prefix() + "…", when(k.createdAt()), k.revokedAt() == null ? "active" : "revoked " + when(k.revokedAt()));
            }
            return t.render();
        }

        private static String when(Instant t) {
            return t == null ? "-" : t.toString();
        }
    }

    /** {@code gridmint apikey revoke}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke one of your API keys: every request with it fails (401) from now on. This cannot be undone.")
    static final class Revoke implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ClientOptions client;

        @Parameters(index = "0", paramLabel = "ID", description = "The key's id, as `gridmint apikey list` shows it (not its secret).")
        String id;

        @Override
        public Integer call() {
            if (id.startsWith("gm-")) {
                throw new ParameterException(spec.commandLine(), "ID is the key's id from `gridmint apikey list`, not its secret");
            }
            try (GridmintClient c = client.connect()) {
                c.revokeApiKey(id);
                spec.commandLine().getOut().println("revoked API key " + id);
                spec.commandLine().getOut().flush();
                return 0;
            }
        }
    }
}
