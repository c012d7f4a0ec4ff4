package org.gridmint.core.ledger;

import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;

/**
 * An account of the ledger: a party's (client or provider owner, {@code acct-…}), one job's escrow
 * ({@code escrow:job-…}), one provider's stake ({@code stake:prov-…}: what its owner put up so that cheating costs it),
 * the protocol's treasury, the issuer that dev deposits and subsidies come from, or the chain: the settlement contract
 * that on-chain deposits come from and on-chain payouts go to. Only the issuer's and the chain's balances may go below
 * zero: minus what was issued, and minus what the contract holds for the ledger (deposited less paid out).
 */
public record LedgerAccount(String id) implements Comparable<LedgerAccount> {
    public static final LedgerAccount ISSUER = new LedgerAccount("issuer");
    public static final LedgerAccount TREASURY = new LedgerAccount("treasury");
    /** The settlement contract on an EVM chain: on-chain deposits come from it, epoch payouts and withdrawals go to it. */
    public static final LedgerAccount CHAIN = new LedgerAccount("chain");
    private static final String ESCROW = "escrow:";
    private static final String STAKE = "stake:";

    /** The kinds of account, for the rules on which posting may move money between which. */
    public enum Type { PARTY, ESCROW, STAKE, TREASURY, ISSUER, CHAIN }

    public LedgerAccount {
        if (id == null) throw new IllegalArgumentException("a ledger account needs an id");
        if (!id.equals("issuer") && !id.equals("treasury") && !id.equals("chain")) {
            try {
                if (id.startsWith(ESCROW)) new JobId(id.substring(ESCROW.length()));
                else if (id.startsWith(STAKE)) new ProviderId(id.substring(STAKE.length()));
                else new AccountId(id);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a ledger account: '" + id + "' (expected acct-…, escrow:job-…, stake:prov-…, treasury, issuer or chain)");
            }
        }
    }

    public static LedgerAccount party(AccountId account) {
        return new LedgerAccount(account.value());
    }

    public static LedgerAccount escrow(JobId job) {
        return new LedgerAccount(ESCROW + job.value());
    }

    /** The stake account of one provider: what its owner staked, including what is unbonding and not yet released. */
    public static LedgerAccount stake(ProviderId provider) {
        return new LedgerAccount(STAKE + provider.value());
    }

    public Type type() {
        if (this.equals(ISSUER)) return Type.ISSUER;
        if (this.equals(TREASURY)) return Type.TREASURY;
        if (this.equals(CHAIN)) return Type.CHAIN;
        if (id.startsWith(ESCROW)) return Type.ESCROW;
        return id.startsWith(STAKE) ? Type.STAKE : Type.PARTY;
    }

    /** The provider of a stake account; fails for any other account. */
    public ProviderId provider() {
        if (type() != Type.STAKE) throw new IllegalStateException(id + " is not a stake account");
        return new ProviderId(id.substring(STAKE.length()));
    }

    /** The job of an escrow account; fails for any other account. */
    public JobId job() {
        if (type() != Type.ESCROW) throw new IllegalStateException(id + " is not an escrow account");
        return new JobId(id.substring(ESCROW.length()));
    }

    public boolean mayGoNegative() {
        return type() == Type.ISSUER || type() == Type.CHAIN;
    }

    @Override
    public int compareTo(LedgerAccount o) {
        return id.compareTo(o.id);
    }

    @Override
    public String toString() {
        return id;
    }
}
