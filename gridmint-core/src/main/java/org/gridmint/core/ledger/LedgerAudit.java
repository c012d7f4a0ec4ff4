package org.gridmint.core.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.money.Credits;

/**
 * Checks a journal and the balances stored beside it: the hash chain, idempotency, that no balance but the
 * issuer's ever went negative, that the stored balances are the ones the journal implies (so money is conserved:
 * everything held adds up to what the issuer issued), and every job's escrow: held = left + paid + refunded, and
 * nothing left once the job ended; and the network's own money: a SUBSIDY only ever tops the treasury up by what its VERIFY
 * lacked. Feed entries in journal order with {@link #accept}, then call {@link #finish};
 * memory grows with the number of accounts, not of entries.
 */
public final class LedgerAudit {
    /** What kind of break. */
    public enum Problem { SEQUENCE, CHAIN, DUPLICATE, NEGATIVE, BALANCE, CONSERVATION, ESCROW, SUBSIDY }

    /** One break, with the journal entry it was found at (0 when it is not about one entry). */
    public record Break(Problem problem, long seq, String detail) {
        @Override
        public String toString() {
            return problem + (seq > 0 ? " at entry " + seq : "") + ": " + detail;
        }
    }

    /** A job's escrow as the journal tells it. */
    public record EscrowTotals(Credits held, Credits paid, Credits refunded) {}

    /** The outcome: what was checked, and every break found (none when the ledger holds). */
    public record Report(long entries, String headHash, Credits issued, Credits treasury, int accounts, int jobs, List<Break> breaks) {
        public boolean ok() {
            return breaks.isEmpty();
        }
    }

    private static final int MAX_BREAKS = 1000;

    private long expectedSeq = 1;
    private String prevHash = JournalEntry.GENESIS;
    private final Set<String> keys = new HashSet<>();
    private final Map<LedgerAccount, Long> balances = new HashMap<>();
    private final Map<JobId, long[]> escrows = new TreeMap<>();
    private final Map<JobId, LedgerAccount> clients = new HashMap<>();
    private final List<Break> breaks = new ArrayList<>();
    /** Subsidies whose VERIFY has not been read yet: reference → {amount, treasury balance before it, seq}. */
    private final Map<String, long[]> subsidies = new HashMap<>();
    private long entries;
    private long suppressed;

    /** Checks the next entry of the journal. */
    public void accept(JournalEntry e) {
        entries++;
        if (e.seq() != expectedSeq) fail(Problem.SEQUENCE, e.seq(), "expected entry " + expectedSeq + " here (entries missing or reordered)");
        if (!e.prevHash().equals(prevHash)) fail(Problem.CHAIN, e.seq(), "its previous hash is not the hash of the entry before it");
        if (!e.hashHolds()) fail(Problem.CHAIN, e.seq(), "its hash does not match its content (the entry was changed)");
        expectedSeq = e.seq() + 1;
        prevHash = e.hash();
        Posting p = e.posting();
        if (!keys.add(p.key())) fail(Problem.DUPLICATE, e.seq(), p.kind() + " " + p.reference() + " was posted twice");
        long amount = p.amount().micros();
        long fromAfter = balances.merge(p.from(), -amount, Math::addExact);
        balances.merge(p.to(), amount, Math::addExact);
        if (fromAfter < 0 && !p.from().mayGoNegative())
            fail(Problem.NEGATIVE, e.seq(), p.from() + " went to " + Credits.ofMicros(fromAfter) + " paying " + p.amount());
        switch (p.kind()) {
            case HOLD -> {
                escrow(p.to().job())[0] += amount;
                if (!p.reference().equals(p.to().job().value())) fail(Problem.ESCROW, e.seq(), "a HOLD into " + p.to() + " names job " + p.reference());
                clients.putIfAbsent(p.to().job(), p.from());
            }
            case PAY, FEE -> {
                escrow(p.from().job())[1] += amount;
                if (!p.reference().startsWith(p.from().job().value() + "/"))
                    fail(Problem.ESCROW, e.seq(), "a " + p.kind() + " out of " + p.from() + " names task " + p.reference() + " of another job");
            }
            case REFUND -> {
                escrow(p.from().job())[2] += amount;
                LedgerAccount client = clients.get(p.from().job());
                if (!p.reference().equals(p.from().job().value()) || !p.to().equals(client))
                    fail(Problem.ESCROW, e.seq(), "a REFUND out of " + p.from() + " goes to " + p.to() + " (the job's client is " + client + ")");
            }
            case SUBSIDY -> subsidies.put(p.reference(), new long[] {amount, balances.get(LedgerAccount.TREASURY) - amount, e.seq()});
            case VERIFY -> {
                long[] s = subsidies.remove(p.reference());
                // The subsidy and its VERIFY are posted together: the treasury held s[1] before, so it lacked amount - s[1].
                if (s != null && s[0] > amount - s[1])
                    fail(Problem.SUBSIDY, e.seq(), "the SUBSIDY for " + p.reference() + " issued " + Credits.ofMicros(s[0]) + " but its VERIFY of "
                            + p.amount() + " lacked only " + Credits.ofMicros(Math.max(0, amount - s[1])) + " (the treasury held " + Credits.ofMicros(s[1]) + ")");
            }
            case DEPOSIT, STAKE, UNSTAKE, SLASH, INFERENCE, WITHDRAW -> { }
        }
    }

    /**
     * Compares the journal's implications with what the store holds.
     *
     * @param stored every stored balance by account (accounts absent count as zero)
     * @param endedJobs jobs in a final state: their escrow must be empty
     */
    public Report finish(Map<LedgerAccount, Credits> stored, Set<JobId> endedJobs) {
        Set<LedgerAccount> all = new TreeSet<>(balances.keySet());
        all.addAll(stored.keySet());
        long storedSum = 0;
        for (LedgerAccount a : all) {
            long journal = balances.getOrDefault(a, 0L);
            long kept = stored.getOrDefault(a, Credits.ZERO).micros();
            storedSum = Math.addExact(storedSum, kept);
            if (journal != kept) fail(Problem.BALANCE, 0, a + " holds " + Credits.ofMicros(kept) + " but its postings add up to " + Credits.ofMicros(journal));
            if (kept < 0 && !a.mayGoNegative()) fail(Problem.NEGATIVE, 0, a + " holds " + Credits.ofMicros(kept));
        }
        if (storedSum != 0) fail(Problem.CONSERVATION, 0, "the stored balances add up to " + Credits.ofMicros(storedSum)
                + " more than the issuer issued (they must add up to exactly what it issued)");
        for (var e : escrows.entrySet()) {
            long[] t = e.getValue();
            long left = stored.getOrDefault(LedgerAccount.escrow(e.getKey()), Credits.ZERO).micros();
            if (t[0] != left + t[1] + t[2])
                fail(Problem.ESCROW, 0, "job " + e.getKey() + " held " + Credits.ofMicros(t[0]) + " but has " + Credits.ofMicros(left) + " left, paid "
                        + Credits.ofMicros(t[1]) + " and refunded " + Credits.ofMicros(t[2]));
            if (endedJobs.contains(e.getKey()) && left != 0)
                fail(Problem.ESCROW, 0, "job " + e.getKey() + " has ended but " + Credits.ofMicros(left) + " is still in its escrow");
        }
        subsidies.forEach((ref, s) -> fail(Problem.SUBSIDY, s[2], "a SUBSIDY of " + Credits.ofMicros(s[0]) + " for " + ref + " has no VERIFY"));
        subsidies.clear();
        List<Break> out = new ArrayList<>(breaks);
        if (suppressed > 0) out.add(new Break(breaks.getLast().problem(), 0, suppressed + " more breaks not listed"));
        long issued = -balances.getOrDefault(LedgerAccount.ISSUER, 0L);
        return new Report(entries, prevHash, Credits.ofMicros(issued), Credits.ofMicros(balances.getOrDefault(LedgerAccount.TREASURY, 0L)),
                balances.size(), escrows.size(), List.copyOf(out));
    }

    /** The escrow totals of one job as far as the journal has been read. */
    public EscrowTotals escrowOf(JobId job) {
        long[] t = escrows.getOrDefault(job, new long[3]);
        return new EscrowTotals(Credits.ofMicros(t[0]), Credits.ofMicros(t[1]), Credits.ofMicros(t[2]));
    }

    private long[] escrow(JobId job) {
        return escrows.computeIfAbsent(job, j -> new long[3]);
    }

    private void fail(Problem p, long seq, String detail) {
        if (breaks.size() < MAX_BREAKS) breaks.add(new Break(p, seq, detail));
        else suppressed++;
    }
}
