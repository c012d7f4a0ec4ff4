package org.gridmint.chain;

import java.math.BigInteger;

/**
 * One {@code Deposited} log of the settlement contract: which ledger account it credits, who paid, how much (base units),
 * and where it is on the chain (so a watcher credits it once, and notices when a reorg drops its block).
 */
public record DepositEvent(String txHash, long logIndex, long blockNumber, String blockHash, String account, String from, BigInteger amount) {}
