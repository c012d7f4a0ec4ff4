package org.gridmint.cli.chain;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.gridmint.api.ChainInfo;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The options of every command that sends its own transactions to the settlement contract: the key that signs them and,
 * optionally, the JSON-RPC node to send them through. Mix it in with {@code @Mixin ChainOptions chain;} and call
 * {@link #open}.
 */
public final class ChainOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--chain-key", paramLabel = "FILE", required = true,
            description = "Your chain key file (64 hex digits, from `gridmint chain keygen`): it signs the transactions and pays their gas.")
    Path keyFile;

    @Option(names = "--rpc", paramLabel = "URL", converter = RpcUrl.class,
            description = "The chain's JSON-RPC URL, http(s)://HOST[:PORT][/PATH] (default: the one the coordinator publishes at GET /api/v1/chain).")
    URI rpc;

    /** Connects {@code keyFile}'s key to the chain that {@code info} describes; see {@link ChainSession#open}. */
    public ChainSession open(ChainInfo info, URI coordinator) {
        return ChainSession.open(mixee.commandLine(), info, coordinator, keyFile, rpc);
    }

    /** An RPC URL: http or https with a host. */
    public static final class RpcUrl implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                URI u = new URI(value.strip());
                if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) return u;
            } catch (URISyntaxException ignored) {
                // Reported below with the expected form.
            }
            throw new TypeConversionException("'" + value + "' is not an RPC URL: expected http(s)://HOST[:PORT][/PATH], e.g. http://127.0.0.1:8545");
        }
    }

    /** Refuses, naming the option, when no transaction can be sent to {@code info}'s chain. */
    public static void requireEvm(ChainInfo info, URI coordinator, String what) {
        if (info == null || !ChainInfo.EVM.equals(info.settlement())) {
            throw new org.gridmint.cli.CliException("error: the coordinator at " + coordinator + " settles embedded (no chain): " + what);
        }
    }
}
