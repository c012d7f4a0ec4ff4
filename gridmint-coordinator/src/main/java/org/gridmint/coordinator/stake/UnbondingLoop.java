package org.gridmint.coordinator.stake;

import java.time.Instant;
import java.util.List;
import org.gridmint.coordinator.store.Store;
import org.gridmint.coordinator.store.Unbonding;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ledger.Staking;
import org.gridmint.core.money.Credits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases unbondings: once an unbonding's persisted {@code release_at} has passed and its provider has no result
 * awaiting a verdict, the UNSTAKE posting returns what is left of it (a slash during the unbonding shrank it) from the
 * stake account to the owner. Idempotent: a released unbonding is never due again, and its posting's reference is its id.
 */
public final class UnbondingLoop {
    private static final Logger log = LoggerFactory.getLogger(UnbondingLoop.class);
    private static final int BATCH = 200;

    private final Store store;

    public UnbondingLoop(Store store) {
        this.store = store;
    }

    /** Releases every unbonding due at {@code now}; returns how many it released. */
    public int runOnce(Instant now) {
        int total = 0;
        for (int round = 0; round < 1000; round++) {
            // Read without the lock first: on most runs nothing is due, and the lock is every posting's.
            if (store.inTransaction(tx -> tx.dueUnbondings(now, 1)).isEmpty()) break;
            int n = store.inTransaction(tx -> {
                tx.lockStakes();
                List<Unbonding> due = tx.dueUnbondings(now, BATCH);
                for (Unbonding u : due) {
                    // Never more than the stake holds: slashes shrink unbondings, but the stake account is the money.
                    Credits staked = Stakes.staked(tx, u.provider());
                    Credits amount = u.amount().compareTo(staked) <= 0 ? u.amount() : staked;
                    if (amount.micros() > 0)
                        Stakes.post(tx, List.of(Staking.unstake(u.id(), u.provider(), AccountId.of(u.owner()), amount)), now, "release of " + u.id());
                    tx.updateUnbonding(u.id(), amount, now);
                    log.info("unbonding {} of provider {} released: {} back to {} (asked {})", u.id(), u.provider(), amount, u.owner(), u.requested());
                }
                return due.size();
            });
            total += n;
            if (n < BATCH) break;
        }
        return total;
    }
}
