package org.gridmint.coordinator.stake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridmint.coordinator.store.SlashRecord;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.coordinator.store.Unbonding;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.LedgerRules;
import org.gridmint.core.ledger.Posting;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.ledger.Staking;
import org.gridmint.core.market.Quarantine;
import org.gridmint.core.money.Credits;
import org.gridmint.core.verify.SlashTerms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stake inside the caller's transaction: what a provider has staked, its slash when its result lost a verdict, and the
 * treasury's payment of a replica at cost. Each is idempotent by its reference, so a repeated verdict changes nothing.
 *
 * <p>Concurrency: every change first takes {@link StoreTx#lockStakes()}, so the balances it reads are the ones it posts
 * against, even beside other coordinators on PostgreSQL.
 */
public final class Stakes {
    private static final Logger log = LoggerFactory.getLogger(Stakes.class);

    private Stakes() {}

    /** What one slash took from the provider's stake: the client's compensation and the treasury's part. */
    public record Slashed(Credits toClient, Credits toTreasury) {
        public Credits total() {
            return toClient.plus(toTreasury);
        }
    }

    /** The provider's stake account balance, including unbondings not yet released. */
    public static Credits staked(StoreTx tx, ProviderId p) {
        return tx.ledger().balance(LedgerAccount.stake(p));
    }

    /**
     * Every provider's stake that bonds new work, for the market: its stake less what it asked back (an unbonding may be
     * released before a task taken now reports, so it backs nothing new). Providers that never staked are absent: zero.
     */
    public static Map<ProviderId, Credits> all(StoreTx tx) {
        return tx.bondedStakes();
    }

    /**
     * Slashes the provider for verdict {@code verdictId}: posts the SLASH postings from its stake (a share per
     * {@code cfg.terms()}, part to {@code client}, part to the treasury), shrinks its open unbondings if the stake no longer
     * covers them (so an unstake cannot escape the slash), and quarantines it until {@code now + cfg.slashQuarantine()}.
     * Slashing the same provider for the same verdict again changes nothing and answers the first slash.
     */
    public static Slashed slash(StoreTx tx, ProviderId p, AccountId client, String verdictId, StakeConfig cfg, Instant now) {
        var earlier = tx.slash(verdictId, p);
        if (earlier.isPresent()) return new Slashed(earlier.get().toClient(), earlier.get().toTreasury());
        tx.lockStakes();
        Credits staked = staked(tx, p);
        SlashTerms.Slash s = cfg.terms().of(staked);
        post(tx, Staking.slash(verdictId, p, client, s), now, "slash of " + p + " for verdict " + verdictId);
        Instant until = now.plus(cfg.slashQuarantine());
        Quarantine q = tx.quarantine(p);
        if (q.until() == null || q.until().isBefore(until)) tx.saveQuarantine(p, new Quarantine(q.consecutiveFailures(), q.timesQuarantined(), until));
        tx.insertSlash(new SlashRecord(verdictId, p, client.value(), staked, s.toClient(), s.toTreasury(), now, until));
        shrinkUnbondings(tx, p);
        log.warn("provider {} slashed {} of its {} staked for verdict {} ({} to client {}, {} to the treasury); quarantined until {}", p, s.total(),
                staked, verdictId, s.toClient(), client, s.toTreasury(), until);
        return new Slashed(s.toClient(), s.toTreasury());
    }

    /**
     * Pays a replica beyond a task's accepted result at cost from the treasury (VERIFY, no fee), first issuing to the
     * treasury exactly what it lacks (SUBSIDY). Returns what was paid; paying the same attempt again posts nothing and
     * answers the first payment.
     */
    public static Credits payAtCost(StoreTx tx, TaskId task, AttemptId attempt, AccountId providerOwner, Credits amount, Instant now) {
        if (amount == null || amount.isNegative()) throw new IllegalArgumentException("a replica's cost must be >= 0, was " + amount);
        if (amount.micros() == 0) return Credits.ZERO;
        var earlier = tx.ledger().entry(PostingKind.VERIFY, Staking.verifyReference(task, attempt));
        if (earlier.isPresent()) return earlier.get().posting().amount();
        tx.lockStakes();
        Credits treasury = tx.ledger().balance(LedgerAccount.TREASURY);
        post(tx, Staking.payAtCost(task, attempt, providerOwner, amount, treasury), now, "replica " + attempt + " of task " + task);
        return amount;
    }

    /** Open unbondings of the provider, oldest first. */
    static List<Unbonding> open(StoreTx tx, ProviderId p) {
        return tx.unbondings(p).stream().filter(u -> !u.released()).toList();
    }

    /** What the provider's open unbondings will release. */
    static Credits unbonding(List<Unbonding> open) {
        Credits sum = Credits.ZERO;
        for (Unbonding u : open) sum = sum.plus(u.amount());
        return sum;
    }

    /** After a slash: open unbondings never claim more than the stake account holds, the latest cut first. */
    private static void shrinkUnbondings(StoreTx tx, ProviderId p) {
        List<Unbonding> open = open(tx, p);
        if (open.isEmpty()) return;
        List<Credits> amounts = new ArrayList<>();
        for (Unbonding u : open) amounts.add(u.amount());
        List<Credits> shrunk = Staking.shrinkToStake(amounts, staked(tx, p));
        for (int i = 0; i < open.size(); i++) {
            if (shrunk.get(i).equals(open.get(i).amount())) continue;
            tx.updateUnbonding(open.get(i).id(), shrunk.get(i), null);
            log.info("unbonding {} of provider {} shrunk from {} to {}: a slash took part of the stake it was to release", open.get(i).id(), p,
                    open.get(i).amount(), shrunk.get(i));
        }
    }

    /** Posts in order; a refusal is a bug (the balances were read under the lock), never silently skipped. */
    static void post(StoreTx tx, List<Posting> postings, Instant now, String what) {
        if (postings.isEmpty()) return;
        for (LedgerRules.Decision d : tx.ledger().post(postings, now)) {
            switch (d) {
                case LedgerRules.Decision.Post x -> { }
                case LedgerRules.Decision.AlreadyPosted x -> { }
                case LedgerRules.Decision.Clash c -> throw new IllegalStateException(what + " clashes with an earlier posting: " + c.entry());
                case LedgerRules.Decision.Insufficient i -> throw new IllegalStateException(what + " is short by " + i.shortfall());
            }
        }
    }
}
