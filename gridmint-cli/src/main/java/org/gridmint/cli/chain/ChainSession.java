package org.gridmint.cli.chain;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import org.gridmint.api.ChainInfo;
import org.gridmint.chain.ChainClient;
import org.gridmint.chain.ChainKeys;
import org.gridmint.chain.SettlementContracts;
import org.gridmint.cli.CliException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * A user's key connected to the coordinator's settlement contract: what a deposit or a claim sends its transactions
 * through. Close it: it holds a web3j client and its threads.
 */
public final class ChainSession implements AutoCloseable {
    private final ChainClient client;
    private final SettlementContracts contracts;
    private final URI rpc;

    private ChainSession(ChainClient client, SettlementContracts contracts, URI rpc) {
        this.client = client;
        this.contracts = contracts;
        this.rpc = rpc;
    }

    /**
     * Reads the key in {@code keyFile} and connects it to the chain of {@code info} through {@code rpc} (null: the
     * coordinator's published one). A bad key file, no RPC URL to use, or a node on another chain than the coordinator's is
     * an error naming the flag to fix.
     */
    static ChainSession open(CommandLine cmd, ChainInfo info, URI coordinator, Path keyFile, URI rpc) {
        String key = readKey(cmd, keyFile);
        URI url = rpc;
        if (url == null) {
            if (info.rpc() == null) throw new ParameterException(cmd, "--rpc is required: the coordinator at " + coordinator + " publishes no RPC URL");
            url = URI.create(info.rpc());
        }
        ChainClient client = ChainClient.connect(url.toString(), key);
        try {
            long chainId = client.chainId();
            if (info.chainId() != null && chainId != info.chainId()) {
                throw new CliException("error: --rpc " + url + " serves chain " + chainId + ", but the coordinator settles on chain " + info.chainId()
                        + ": pass --rpc for a node of chain " + info.chainId());
            }
            return new ChainSession(client, SettlementContracts.at(client, info.settlementContract()), url);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** The key in {@code keyFile}; a missing or malformed file is an error naming {@code --chain-key}. */
    static String readKey(CommandLine cmd, Path keyFile) {
        try {
            return ChainKeys.readKeyFile(keyFile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, "--chain-key: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new CliException("error: --chain-key: " + e.getMessage());
        }
    }

    /** The key's address, 0x lower-case: it sends, and pays the gas. */
    public String address() {
        return client.address();
    }

    public ChainClient client() {
        return client;
    }

    public SettlementContracts contracts() {
        return contracts;
    }

    public URI rpc() {
        return rpc;
    }

    @Override
    public void close() {
        client.close();
    }
}
