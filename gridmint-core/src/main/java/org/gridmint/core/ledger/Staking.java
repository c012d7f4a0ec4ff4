package org.gridmint.core.ledger;

import java.util.ArrayList;
import java.util.List;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.money.Credits;
import org.gridmint.core.verify.SlashTerms;

/**
 * What stake does to money: an owner stakes on its provider; unstaking starts an unbonding that leaves the money in the
 * stake account (so a slash still reaches it) until it is released; a provider whose result lost a verdict is slashed
 * from that account; replicas beyond a task's accepted result are paid at cost by the treasury, which the issuer tops up
 * by exactly what it lacks (a subsidy, reported apart from revenue).
 */
public final class Staking {
    private Staking() {}

    /** The posting that stakes {@code amount} of {@code owner}'s credits on {@code provider}. */
    public static Posting stake(String reference, AccountId owner, ProviderId provider, Credits amount) {
        return new Posting(PostingKind.STAKE, reference, LedgerAccount.party(owner), LedgerAccount.stake(provider), amount);
    }

    /** The posting that releases an unbonding of {@code amount} from {@code provider}'s stake to {@code owner}. */
    public static Posting unstake(String unbondingId, ProviderId provider, AccountId owner, Credits amount) {
        return new Posting(PostingKind.UNSTAKE, unbondingId, LedgerAccount.stake(provider), LedgerAccount.party(owner), amount);
    }

    /** The reference of a slash: the verdict and the provider it slashed. */
    public static String slashReference(String verdictId, ProviderId provider) {
        return verdictId + "/" + provider.value();
    }

    /**
     * The postings of one slash, each when not zero: the client's compensation ({@code <ref>/client}) and the treasury's
     * part ({@code <ref>/treasury}), so that the two have keys of their own and a repeated slash posts neither again.
     */
    public static List<Posting> slash(String verdictId, ProviderId provider, AccountId client, SlashTerms.Slash slash) {
        String ref = slashReference(verdictId, provider);
        List<Posting> out = new ArrayList<>(2);
        if (slash.toClient().micros() > 0)
            out.add(new Posting(PostingKind.SLASH, ref + "/client", LedgerAccount.stake(provider), LedgerAccount.party(client), slash.toClient()));
        if (slash.toTreasury().micros() > 0)
            out.add(new Posting(PostingKind.SLASH, ref + "/treasury", LedgerAccount.stake(provider), LedgerAccount.TREASURY, slash.toTreasury()));
        return out;
    }

    /** The reference of a replica paid at cost: the same form as a resumed-from attempt's, {@code <taskId>@<attemptId>}. */
    public static String verifyReference(TaskId task, AttemptId attempt) {
        return Escrow.resumedReference(task, attempt);
    }

    /**
     * The postings that pay a replica at cost from the treasury: a SUBSIDY of what the treasury lacks first (only then),
     * then the VERIFY itself; empty for nothing to pay.
     *
     * @param treasury the treasury's balance before
     */
    public static List<Posting> payAtCost(TaskId task, AttemptId attempt, AccountId providerOwner, Credits amount, Credits treasury) {
        if (amount.isNegative()) throw new IllegalArgumentException("a replica's cost must be >= 0, was " + amount);
        if (amount.micros() == 0) return List.of();
        String ref = verifyReference(task, attempt);
        List<Posting> out = new ArrayList<>(2);
        Credits lacking = amount.minus(treasury.isNegative() ? Credits.ZERO : treasury);
        if (lacking.micros() > 0) out.add(new Posting(PostingKind.SUBSIDY, ref, LedgerAccount.ISSUER, LedgerAccount.TREASURY, lacking));
        out.add(new Posting(PostingKind.VERIFY, ref, LedgerAccount.TREASURY, LedgerAccount.party(providerOwner), amount));
        return out;
    }

    /** What may still be unstaked: the stake less what is already unbonding (never below zero). */
    public static Credits unstakeable(Credits staked, Credits unbonding) {
        Credits left = staked.minus(unbonding);
        return left.isNegative() ? Credits.ZERO : left;
    }

    /**
     * Shrinks open unbondings so that together they never claim more than the stake account holds after a slash: the
     * latest first (oldest first in {@code open}), so that earlier requests keep what they can.
     *
     * @return the new amount of each unbonding, in the order given
     */
    public static List<Credits> shrinkToStake(List<Credits> open, Credits staked) {
        long total = 0;
        for (Credits c : open) total = Math.addExact(total, c.micros());
        long excess = total - Math.max(0, staked.micros());
        List<Credits> out = new ArrayList<>(open);
        for (int i = out.size() - 1; i >= 0 && excess > 0; i--) {
            long cut = Math.min(excess, out.get(i).micros());
            out.set(i, Credits.ofMicros(out.get(i).micros() - cut));
            excess -= cut;
        }
        return out;
    }
}
