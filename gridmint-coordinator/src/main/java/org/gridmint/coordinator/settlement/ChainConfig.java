package org.gridmint.coordinator.settlement;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The EVM chain a coordinator settles on.
 *
 * @param rpc the JSON-RPC URL ({@code --chain-rpc})
 * @param keyFile the operator's secp256k1 private key, hex in a file ({@code --chain-key}); it posts batches and pays their gas
 * @param contract the settlement contract's address ({@code --chain-contract}); null deploys the contracts on first start
 *     and keeps their addresses in the data directory ({@code chain.json})
 * @param confirmations blocks a deposit must be buried under before it is credited ({@code --confirmations}, default 6)
 * @param poll how often deposits are looked for ({@code --chain-poll}, default 2s)
 * @param publicRpc the JSON-RPC URL clients are told to use ({@code --chain-public-rpc}); null tells them {@code rpc}
 */
public record ChainConfig(String rpc, Path keyFile, String contract, int confirmations, Duration poll, String publicRpc) {
    public static final int DEFAULT_CONFIRMATIONS = 6;
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(2);

    public ChainConfig {
        if (rpc == null || !(rpc.startsWith("http://") || rpc.startsWith("https://")))
            throw new IllegalArgumentException("--chain-rpc must be an http(s) JSON-RPC URL, was " + rpc);
        if (keyFile == null) throw new IllegalArgumentException("--chain-key is required with --chain-rpc: a file holding the operator's private key (hex)");
        if (contract != null && !contract.matches("0x[0-9a-fA-F]{40}"))
            throw new IllegalArgumentException("--chain-contract must be an address (0x and 40 hex digits), was " + contract);
        if (confirmations < 1 || confirmations > 1000) throw new IllegalArgumentException("--confirmations must be between 1 and 1000, was " + confirmations);
        if (poll == null || poll.toMillis() < 100 || poll.toMinutes() > 10) throw new IllegalArgumentException("--chain-poll must be between 100ms and 10m, was " + poll);
    }
}
