package org.gridmint.cli.gateway;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gridmint.api.json.Json;
import org.gridmint.api.openai.EmbeddingsResponse;
import org.gridmint.cli.CliContext;
import org.gridmint.cli.CliException;
import org.gridmint.cli.ClientOptions;
import org.gridmint.client.EmbeddingVectors;
import org.gridmint.client.GridmintClient;
import org.gridmint.embed.ModelCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gridmint infer}: calls the coordinator's OpenAI-compatible gateway, as an OpenAI client would. */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "Run inference on the network's online providers through the coordinator's OpenAI-compatible gateway.",
        subcommands = {InferCommand.Embed.class})
public final class InferCommand {
    /** Where the API key comes from when --key is not given. */
    public static final String KEY_ENV = "GRIDMINT_API_KEY";
    /** How many values of each vector the summary shows. */
    static final int SHOWN = 4;

    /** {@code gridmint infer embed}. */
    @Command(name = "embed", mixinStandardHelpOptions = true,
            description = {"Embed texts with POST /v1/embeddings: prints each input's index, dimensions and first values, then the",
                    "tokens billed; or the gateway's JSON unchanged with --json. Authenticated with an API key (`gridmint apikey create`).",
                    "Example: gridmint infer embed \"a cat sat\" \"a dog ran\"; or: cat lines.txt | gridmint infer embed -"})
    static final class Embed implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ClientOptions client;

        @Option(names = "--model", paramLabel = "MODEL", defaultValue = ModelCatalog.DEFAULT,
                description = "The model, as GET /v1/models lists it (default: ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--key", paramLabel = "KEY", description = "The API key (gm-…). Default: $" + KEY_ENV + ".")
        String key;

        @Option(names = "--json", description = "Print the gateway's answer (OpenAI's JSON) unchanged.")
        boolean json;

        @Option(names = "--encoding", paramLabel = "FORMAT", defaultValue = "float",
                description = "encoding_format asked of the gateway: float or base64; shows in --json (default: ${DEFAULT-VALUE}).")
        String encoding;

        @Parameters(arity = "1..*", paramLabel = "TEXT", description = "The texts to embed, one vector each; '-' reads one text per line from stdin.")
        List<String> texts;

        @Override
        public Integer call() {
            if (!encoding.equals("float") && !encoding.equals("base64")) {
                throw new ParameterException(spec.commandLine(), "--encoding must be float or base64, got '" + encoding + "'");
            }
            List<String> input = input();
            String apiKey = apiKey();
            // The API key is the credential here: no key pair is needed (nor created) for this call.
            try (GridmintClient c = new GridmintClient(new org.gridmint.api.http.ApiTransport(client.coordinatorUrl(), null))) {
                byte[] answer = c.embeddingsJson(apiKey, model, input, encoding);
                PrintWriter out = spec.commandLine().getOut();
                if (json) out.println(new String(answer, StandardCharsets.UTF_8).strip());
                else out.print(summary(Json.read(answer, EmbeddingsResponse.class)));
                out.flush();
                return 0;
            }
        }

        private List<String> input() {
            List<String> out = new ArrayList<>();
            for (String t : texts) {
                if (t.equals("-")) out.addAll(stdinLines());
                else out.add(t);
            }
            if (out.isEmpty()) throw new ParameterException(spec.commandLine(), "TEXT: nothing to embed (stdin had no non-blank line)");
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).isBlank()) throw new ParameterException(spec.commandLine(), "TEXT " + (i + 1) + " is blank: give each input some text");
            }
            return out;
        }

        private String apiKey() {
            String k = key != null ? key.strip() : CliContext.of(spec).env(KEY_ENV);
            if (k == null || k.isEmpty()) {
                throw new CliException("error: no API key: pass --key KEY or set " + KEY_ENV + ".\n"
                        + "  Create one with `gridmint apikey create` (it is printed once).");
            }
            return k;
        }

        private static List<String> stdinLines() {
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                return r.lines().filter(l -> !l.isBlank()).toList();
            } catch (UncheckedIOException e) {
                throw new CliException("error: cannot read stdin: " + e.getCause().getMessage());
            }
        }
    }

    /** One line per input ({@code [i] dims: first values …}), then the usage. */
    static String summary(EmbeddingsResponse r) {
        StringBuilder b = new StringBuilder();
        for (EmbeddingsResponse.EmbeddingData d : r.data()) {
            float[] v = EmbeddingVectors.floats(d.embedding());
            b.append('[').append(d.index()).append("] ").append(v.length).append(" dims:");
            for (int i = 0; i < Math.min(SHOWN, v.length); i++) b.append(' ').append(String.format(Locale.ROOT, "%.4f", v[i]));
            b.append(v.length > SHOWN ? " …\n" : "\n");
        }
        b.append("model ").append(r.model()).append(", usage: ").append(r.usage().promptTokens()).append(" prompt tokens, ")
                .append(r.usage().totalTokens()).append(" total tokens\n");
        return b.toString();
    }

}
