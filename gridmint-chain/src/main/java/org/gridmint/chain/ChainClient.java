package org.gridmint.chain;

import org.web3j.protocol.Web3j;

/**
 * One key's connection to an EVM node over HTTP JSON-RPC: signs and sends transactions with that key, waits for their
 * receipts, and reads. Close it: it owns a Web3j instance and its HTTP client's threads.
 */
public final class ChainClient implements AutoCloseable {
    private ChainClient() {}

    public static ChainClient connect(String rpcUrl, String privateKeyHex) {
        throw new UnsupportedOperationException("not yet");
    }

    /** This key's address, 0x lower-case. */
    public String address() {
        throw new UnsupportedOperationException("not yet");
    }

    public long chainId() {
        throw new UnsupportedOperationException("not yet");
    }

    public long blockNumber() {
        throw new UnsupportedOperationException("not yet");
    }

    public Web3j web3j() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void close() {}
}
