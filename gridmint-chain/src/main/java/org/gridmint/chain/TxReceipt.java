package org.gridmint.chain;

import java.math.BigInteger;

/** A mined, successful transaction: its hash, the block it is in and the gas it used. */
public record TxReceipt(String txHash, long blockNumber, BigInteger gasUsed) {}
