package org.gridmint.coordinator.settlement;

import org.gridmint.core.money.Credits;

/**
 * A deposit event of the settlement contract, buried under enough confirmations to credit.
 *
 * @param account the ledger account it names, as the depositor wrote it (may be malformed: then it is recorded, not credited)
 * @param from the depositing address
 * @param amount the amount, exactly representable in micro-credits (the contract refuses anything finer)
 */
public record ChainDeposit(String txHash, long logIndex, long blockNumber, String blockHash, String account, String from, Credits amount) {
    /** The DEPOSIT posting's reference: unique per event, the same however often the event is read. */
    public String reference() {
        return "chain:" + txHash + ":" + logIndex;
    }
}
