package org.gridmint.coordinator.ledger;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.Ids;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.ledger.JournalEntry;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.LedgerAudit;
import org.gridmint.core.ledger.Posting;
import org.gridmint.core.ledger.Staking;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.core.money.Credits;

/**
 * The part of {@code ledger verify} about stake: every UNSTAKE is a released unbonding of that amount (and every released
 * unbonding that returned anything has its UNSTAKE), open unbondings never claim more than the stake holds, every SLASH is a
 * recorded slash's (and each recorded slash was posted as recorded), and every VERIFY pays a replica that reported a result
 * and that the client did not pay for. (Stake balances never negative, each posted once per reference, and a SUBSIDY never
 * beyond what its VERIFY lacked are {@link LedgerAudit}'s checks.) Feed journal entries with {@link #accept}, then {@link #check}.
 */
final class StakeChecks {
    private final Map<String, Posting> unstakes = new HashMap<>();
    private final Map<String, Posting> slashes = new HashMap<>();
    private final Map<String, Posting> verifies = new HashMap<>();

    void accept(JournalEntry e) {
        Posting p = e.posting();
        switch (p.kind()) {
            case UNSTAKE -> unstakes.put(p.reference(), p);
            case SLASH -> slashes.put(p.reference(), p);
            case VERIFY -> verifies.put(p.reference(), p);
            default -> { }
        }
    }

    void check(StoreTx tx, List<LedgerAudit.Break> out) {
        checkUnbondings(tx, out);
        checkSlashes(tx, out);
        checkVerifies(tx, out);
    }

    private void checkUnbondings(StoreTx tx, List<LedgerAudit.Break> out) {
        Map<ProviderId, Long> open = new HashMap<>();
        Set<String> released = new HashSet<>();
        tx.scanUnbondings(u -> {
            if (!u.released()) {
                open.merge(u.provider(), u.amount().micros(), Long::sum);
                return;
            }
            released.add(u.id());
            Posting p = unstakes.get(u.id());
            Posting expected = u.amount().micros() == 0 ? null
                    : Staking.unstake(u.id(), u.provider(), org.gridmint.core.ids.AccountId.of(u.owner()), u.amount());
            if (expected == null ? p != null : !expected.equals(p))
                out.add(new LedgerAudit.Break(LedgerAudit.Problem.BALANCE, 0, "unbonding " + u.id() + " of " + u.provider() + " released "
                        + u.amount() + " to " + u.owner() + " but the journal's UNSTAKE is " + (p == null ? "missing" : p)));
        });
        for (String ref : unstakes.keySet())
            if (!released.contains(ref))
                out.add(new LedgerAudit.Break(LedgerAudit.Problem.BALANCE, 0, "the journal unstakes " + ref + " but no released unbonding records it"));
        Map<ProviderId, Credits> stakes = tx.stakeBalances();
        open.forEach((p, sum) -> {
            Credits staked = stakes.getOrDefault(p, Credits.ZERO);
            if (sum > staked.micros())
                out.add(new LedgerAudit.Break(LedgerAudit.Problem.BALANCE, 0, "the open unbondings of " + p + " would release " + Credits.ofMicros(sum)
                        + " but its stake holds only " + staked));
        });
    }

    private void checkSlashes(StoreTx tx, List<LedgerAudit.Break> out) {
        Set<String> recorded = new HashSet<>();
        tx.scanSlashes(s -> {
            String ref = Staking.slashReference(s.verdictId(), s.provider());
            recorded.add(ref + "/client");
            recorded.add(ref + "/treasury");
            long client = amount(slashes.get(ref + "/client"));
            long treasury = amount(slashes.get(ref + "/treasury"));
            if (client != s.toClient().micros() || treasury != s.toTreasury().micros())
                out.add(new LedgerAudit.Break(LedgerAudit.Problem.BALANCE, 0, "slash " + ref + " took " + s.toClient() + " for the client and "
                        + s.toTreasury() + " for the treasury but the journal moved " + Credits.ofMicros(client) + " and " + Credits.ofMicros(treasury)));
            Posting toClient = slashes.get(ref + "/client");
            if (toClient != null && !toClient.to().equals(new LedgerAccount(s.client())))
                out.add(new LedgerAudit.Break(LedgerAudit.Problem.BALANCE, 0, "slash " + ref + " compensates " + toClient.to() + ", not its client " + s.client()));
        });
        for (String ref : slashes.keySet())
            if (!recorded.contains(ref)) out.add(new LedgerAudit.Break(LedgerAudit.Problem.BALANCE, 0, "the journal slashes " + ref + " but no slash records it"));
    }

    private void checkVerifies(StoreTx tx, List<LedgerAudit.Break> out) {
        verifies.forEach((ref, p) -> {
            String why = replicaProblem(tx, ref);
            if (why != null) out.add(new LedgerAudit.Break(LedgerAudit.Problem.ESCROW, 0, "the treasury paid " + p.amount() + " for replica " + ref + " but " + why));
        });
    }

    /** Why the VERIFY {@code ref} pays for no replica, or null when it does. */
    private static String replicaProblem(StoreTx tx, String ref) {
        int at = ref.lastIndexOf('@');
        int slash = ref.lastIndexOf('/', at);
        if (at < 0 || slash < 0 || !Ids.isValid(JobId.PREFIX, ref.substring(0, slash)) || !Ids.isValid(AttemptId.PREFIX, ref.substring(at + 1)))
            return "its reference is not <taskId>@<attemptId>";
        TaskId task;
        try {
            task = new TaskId(new JobId(ref.substring(0, slash)), Integer.parseInt(ref.substring(slash + 1, at)));
        } catch (IllegalArgumentException e) {
            return "its reference is not <taskId>@<attemptId>";
        }
        var a = tx.attempt(new AttemptId(ref.substring(at + 1))).orElse(null);
        if (a == null) return "no such attempt";
        if (!a.task().equals(task)) return "the attempt is of task " + a.task();
        if (!a.state().isFinal() || a.state() == AttemptState.FAILED || a.state() == AttemptState.LOST || a.state() == AttemptState.CANCELLED)
            return "the attempt reported no result (it is " + a.state() + ")";
        var charge = tx.ledger().charge(task);
        if (charge.isPresent() && charge.get().attempt().equals(a.id())) return "the client paid for that attempt already";
        return null;
    }

    private static long amount(Posting p) {
        return p == null ? 0 : p.amount().micros();
    }
}
