package org.gridmint.core.ledger;

import java.util.EnumSet;
import java.util.Set;
import org.gridmint.core.ledger.LedgerAccount.Type;

/**
 * What a posting is for, and so between which kinds of account it may move money. A posting is idempotent by
 * its kind and reference: the second posting of (PAY, task) is the first one again, never a second payment.
 */
public enum PostingKind {
    /**
     * Funds arrive from outside: the dev faucet or the operator's mint (issuer → party), or a confirmed on-chain deposit
     * (chain → party, reference {@code chain:<txHash>:<logIndex>}).
     */
    DEPOSIT(EnumSet.of(Type.ISSUER, Type.CHAIN), EnumSet.of(Type.PARTY)),
    /** A submitted job's maximum cost is held: client → the job's escrow; reference: the job. */
    HOLD(EnumSet.of(Type.PARTY), EnumSet.of(Type.ESCROW)),
    /** A succeeded task pays its provider's owner, net of the fee: escrow → party; reference: the task. */
    PAY(EnumSet.of(Type.ESCROW), EnumSet.of(Type.PARTY)),
    /** The protocol fee on a task's payment: escrow → treasury; reference: the task. */
    FEE(EnumSet.of(Type.ESCROW), EnumSet.of(Type.TREASURY)),
    /** What a job did not spend goes back to its client when it ends: escrow → party; reference: the job. */
    REFUND(EnumSet.of(Type.ESCROW), EnumSet.of(Type.PARTY)),
    /** A provider's owner stakes on it: party → the provider's stake; reference: the stake request. */
    STAKE(EnumSet.of(Type.PARTY), EnumSet.of(Type.STAKE)),
    /** An unbonding is released, after its period and once no verdict on the provider is open: stake → party; reference: the unbonding. */
    UNSTAKE(EnumSet.of(Type.STAKE), EnumSet.of(Type.PARTY)),
    /**
     * A provider whose result lost a verdict pays from its stake: to the client (compensation for the verification) or to
     * the treasury; reference: {@code <verdictId>/<providerId>/client} or {@code …/treasury} (see {@link Staking#slash}).
     */
    SLASH(EnumSet.of(Type.STAKE), EnumSet.of(Type.PARTY, Type.TREASURY)),
    /** A replica beyond a task's accepted result, paid at cost by the network with no fee: treasury → party; reference: {@code <taskId>@<attemptId>}. */
    VERIFY(EnumSet.of(Type.TREASURY), EnumSet.of(Type.PARTY)),
    /** What a VERIFY needs beyond the treasury's balance, issued to the treasury (a subsidy, reported apart from revenue): issuer → treasury; reference: the VERIFY's. */
    SUBSIDY(EnumSet.of(Type.ISSUER), EnumSet.of(Type.TREASURY)),
    /**
     * Online inference (the gateway) paid as it is metered: client → the serving provider's owner (net of the fee), reference
     * the usage record's id; client → treasury (the fee), reference {@code <usageId>/fee}.
     */
    INFERENCE(EnumSet.of(Type.PARTY), EnumSet.of(Type.PARTY, Type.TREASURY)),
    /**
     * Credits leave the ledger for the chain, paid out in an epoch's settlement batch: party → chain. Reference
     * {@code epoch-<n>/<account>} for an epoch's sweep of an account's earnings, {@code withdraw:<id>} for a withdrawal
     * the account asked for.
     */
    WITHDRAW(EnumSet.of(Type.PARTY), EnumSet.of(Type.CHAIN));

    private final Set<Type> from;
    private final Set<Type> to;

    PostingKind(Set<Type> from, Set<Type> to) {
        this.from = from;
        this.to = to;
    }

    public boolean allows(LedgerAccount fromAccount, LedgerAccount toAccount) {
        return from.contains(fromAccount.type()) && to.contains(toAccount.type());
    }

    /** Whether the posting moves money out of a job's escrow (as paid or refunded). */
    public boolean drainsEscrow() {
        return this == PAY || this == FEE || this == REFUND;
    }
}
