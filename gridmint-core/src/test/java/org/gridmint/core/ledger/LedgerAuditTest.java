package org.gridmint.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.gridmint.core.ledger.LedgerFixtures.CLIENT;
import static org.gridmint.core.ledger.LedgerFixtures.JOB;
import static org.gridmint.core.ledger.LedgerFixtures.NOW;
import static org.gridmint.core.ledger.LedgerFixtures.OWNER;
import static org.gridmint.core.ledger.LedgerFixtures.cleanLedger;
import static org.gridmint.core.ledger.LedgerFixtures.client;
import static org.gridmint.core.ledger.LedgerFixtures.credits;
import static org.gridmint.core.ledger.LedgerFixtures.deposit;
import static org.gridmint.core.ledger.LedgerFixtures.escrow;
import static org.gridmint.core.ledger.LedgerFixtures.hold;
import static org.gridmint.core.ledger.LedgerFixtures.ledgerOf;
import static org.gridmint.core.ledger.LedgerFixtures.owner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ledger.LedgerAudit.Break;
import org.gridmint.core.ledger.LedgerAudit.Problem;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.Test;

class LedgerAuditTest {
    private static final Set<JobId> ENDED = Set.of(JOB);

    static LedgerAudit.Report audit(List<JournalEntry> journal, Map<LedgerAccount, Credits> stored, Set<JobId> ended) {
        var audit = new LedgerAudit();
        journal.forEach(audit::accept);
        return audit.finish(stored, ended);
    }

    /** Chains the postings from {@link JournalEntry#GENESIS} as a forger would: valid hashes, no rules applied. */
    static List<JournalEntry> chain(List<Posting> postings) {
        List<JournalEntry> out = new ArrayList<>();
        for (Posting p : postings) out.add(JournalEntry.next(out.isEmpty() ? null : out.getLast(), p, NOW.plusSeconds(out.size())));
        return out;
    }

    /** The balances the postings imply, as a store that applied them without rules would hold them. */
    static Map<LedgerAccount, Credits> implied(List<Posting> postings) {
        Map<LedgerAccount, Credits> out = new HashMap<>();
        for (Posting p : postings) {
            out.merge(p.from(), Credits.ZERO.minus(p.amount()), Credits::plus);
            out.merge(p.to(), p.amount(), Credits::plus);
        }
        return out;
    }

    static List<Problem> problems(LedgerAudit.Report report) {
        return report.breaks().stream().map(Break::problem).distinct().toList();
    }

    @Test
    void cleanLedger_passesAndIsSummed() {
        var ledger = cleanLedger();

        var report = audit(ledger.journal(), ledger.balances(), ENDED);

        assertThat(report.breaks()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.entries()).isEqualTo(5);
        assertThat(report.headHash()).isEqualTo(ledger.journal().getLast().hash());
        assertThat(report.issued()).isEqualTo(credits("10"));
        assertThat(report.treasury()).isEqualTo(credits("0.01"));
        assertThat(report.accounts()).isEqualTo(5);
        assertThat(report.jobs()).isEqualTo(1);
    }

    @Test
    void emptyJournal_withNothingStored_passes() {
        var report = audit(List.of(), Map.of(), Set.of());

        assertThat(report.ok()).isTrue();
        assertThat(report.entries()).isZero();
        assertThat(report.headHash()).isEqualTo(JournalEntry.GENESIS);
        assertThat(report.issued()).isEqualTo(Credits.ZERO);
    }

    @Test
    void storedZeroBalances_ofUntouchedAccounts_pass() {
        var ledger = cleanLedger();
        Map<LedgerAccount, Credits> stored = new HashMap<>(ledger.balances());
        stored.put(LedgerAccount.party(org.gridmint.core.ids.AccountId.of("acct-idle")), Credits.ZERO);

        assertThat(audit(ledger.journal(), stored, ENDED).ok()).isTrue();
    }

    @Test
    void escrowOf_tellsHeldPaidAndRefunded() {
        var audit = new LedgerAudit();
        cleanLedger().journal().forEach(audit::accept);

        assertThat(audit.escrowOf(JOB)).isEqualTo(new LedgerAudit.EscrowTotals(credits("2.5"), credits("1"), credits("1.5")));
        assertThat(audit.escrowOf(JobId.of("job-none"))).isEqualTo(new LedgerAudit.EscrowTotals(Credits.ZERO, Credits.ZERO, Credits.ZERO));
    }

    @Test
    void changedAmount_isChainBreakAtThatEntry() {
        var ledger = cleanLedger();
        List<JournalEntry> journal = new ArrayList<>(ledger.journal());
        var paid = journal.get(2);
        var p = paid.posting();
        journal.set(2, new JournalEntry(paid.seq(), new Posting(p.kind(), p.reference(), p.from(), p.to(), credits("0.5")), paid.at(),
                paid.prevHash(), paid.hash()));

        var report = audit(journal, ledger.balances(), ENDED);

        assertThat(report.breaks()).filteredOn(b -> b.problem() == Problem.CHAIN).extracting(Break::seq).containsExactly(3L);
    }

    @Test
    void changedAmountWithItsHashRecomputed_breaksTheNextEntrysLink() {
        var ledger = cleanLedger();
        List<JournalEntry> journal = new ArrayList<>(ledger.journal());
        var paid = journal.get(2);
        var p = paid.posting();
        journal.set(2, JournalEntry.after(2, paid.prevHash(), new Posting(p.kind(), p.reference(), p.from(), p.to(), credits("0.5")), paid.at()));

        var report = audit(journal, ledger.balances(), ENDED);

        assertThat(report.breaks()).filteredOn(b -> b.problem() == Problem.CHAIN).extracting(Break::seq).containsExactly(4L);
    }

    @Test
    void removedEntry_isSequenceAndChainBreak() {
        var ledger = cleanLedger();
        List<JournalEntry> journal = new ArrayList<>(ledger.journal());
        journal.remove(1);

        var report = audit(journal, ledger.balances(), ENDED);

        assertThat(report.breaks()).filteredOn(b -> b.problem() == Problem.SEQUENCE || b.problem() == Problem.CHAIN)
                .extracting(Break::problem, Break::seq).containsExactly(tuple(Problem.SEQUENCE, 3L), tuple(Problem.CHAIN, 3L));
    }

    @Test
    void removedLastEntry_isSeenOnlyInTheStoredBalances() {
        var ledger = cleanLedger();
        var journal = ledger.journal().subList(0, 4);

        var report = audit(journal, ledger.balances(), ENDED);

        assertThat(problems(report)).containsExactlyInAnyOrder(Problem.BALANCE, Problem.ESCROW);
        assertThat(report.breaks()).extracting(Break::seq).containsOnly(0L);
    }

    /** What the audit cannot see: a journal cut short, with balances rolled back to match. Only a head kept elsewhere tells. */
    @Test
    void truncatedJournal_withBalancesToMatch_passes_butItsHeadDiffers() {
        var ledger = cleanLedger();
        var truncated = ledger.journal().subList(0, 4);

        var report = audit(truncated, implied(truncated.stream().map(JournalEntry::posting).toList()), Set.of());

        assertThat(report.ok()).isTrue();
        assertThat(report.entries()).isEqualTo(4);
        assertThat(report.headHash()).isNotEqualTo(ledger.journal().getLast().hash());
    }

    @Test
    void reorderedEntries_areSequenceAndChainBreaks() {
        var ledger = cleanLedger();
        List<JournalEntry> journal = new ArrayList<>(ledger.journal());
        Collections.swap(journal, 2, 3);

        var report = audit(journal, ledger.balances(), ENDED);

        assertThat(problems(report)).containsExactly(Problem.SEQUENCE, Problem.CHAIN);
        assertThat(report.breaks()).extracting(Break::seq).contains(4L, 3L);
    }

    @Test
    void duplicatedKind_andReference_inAValidChain_isDuplicate() {
        var postings = List.of(deposit("dep-1", CLIENT, "10"), hold("2.5"), deposit("dep-1", CLIENT, "10"));

        var report = audit(chain(postings), implied(postings), Set.of());

        assertThat(report.breaks()).extracting(Break::problem, Break::seq)
                .containsExactly(tuple(Problem.DUPLICATE, 3L));
    }

    @Test
    void storedBalanceDifferingFromTheJournal_isBalance() {
        var ledger = cleanLedger();
        Map<LedgerAccount, Credits> stored = new HashMap<>(ledger.balances());
        stored.merge(client(), Credits.ofMicros(-1), Credits::plus);
        stored.merge(owner(), Credits.ofMicros(1), Credits::plus);

        var report = audit(ledger.journal(), stored, ENDED);

        assertThat(problems(report)).containsExactly(Problem.BALANCE);
        assertThat(report.breaks()).hasSize(2);
    }

    @Test
    void storedBalancesNotSummingToZero_isConservation() {
        var ledger = cleanLedger();
        Map<LedgerAccount, Credits> stored = new HashMap<>(ledger.balances());
        stored.merge(LedgerAccount.TREASURY, Credits.ofMicros(1), Credits::plus);

        var report = audit(ledger.journal(), stored, ENDED);

        // money out of nowhere is also a balance that the journal does not explain
        assertThat(problems(report)).containsExactlyInAnyOrder(Problem.BALANCE, Problem.CONSERVATION);
    }

    @Test
    void storedEscrowDifferingFromHeldLessPaidAndRefunded_isEscrow() {
        var ledger = cleanLedger();
        Map<LedgerAccount, Credits> stored = new HashMap<>(ledger.balances());
        stored.put(escrow(), Credits.ofMicros(1));
        stored.merge(client(), Credits.ofMicros(-1), Credits::plus);

        var report = audit(ledger.journal(), stored, Set.of());

        assertThat(problems(report)).containsExactlyInAnyOrder(Problem.BALANCE, Problem.ESCROW);
    }

    @Test
    void escrowLeftOnAnEndedJob_isEscrow() {
        var ledger = ledgerOf(List.of(deposit("dep-1", CLIENT, "10"), hold("2.5")));

        var report = audit(ledger.journal(), ledger.balances(), ENDED);

        assertThat(report.breaks()).singleElement().satisfies(b -> {
            assertThat(b.problem()).isEqualTo(Problem.ESCROW);
            assertThat(b.detail()).contains("job-1", "2.5");
        });
    }

    @Test
    void refundToSomeoneOtherThanTheJobsClient_isEscrow() {
        var postings = List.of(deposit("dep-1", CLIENT, "10"), hold("2.5"),
                new Posting(PostingKind.REFUND, JOB.value(), escrow(), owner(), credits("2.5")));

        var report = audit(chain(postings), implied(postings), ENDED);

        assertThat(problems(report)).containsExactly(Problem.ESCROW);
        assertThat(report.breaks().getFirst().seq()).isEqualTo(3L);
        assertThat(report.breaks().getFirst().detail()).contains("REFUND", OWNER.value(), CLIENT.value());
    }

    @Test
    void paymentNamingATaskOfAnotherJob_isEscrow() {
        var postings = List.of(deposit("dep-1", CLIENT, "10"), hold("2.5"),
                new Posting(PostingKind.PAY, "job-other/0", escrow(), owner(), credits("1")));

        var report = audit(chain(postings), implied(postings), Set.of());

        assertThat(problems(report)).containsExactly(Problem.ESCROW);
        assertThat(report.breaks().getFirst().detail()).contains("job-other/0");
    }

    @Test
    void escrowLeftOnARunningJob_passes() {
        var ledger = ledgerOf(List.of(deposit("dep-1", CLIENT, "10"), hold("2.5")));

        assertThat(audit(ledger.journal(), ledger.balances(), Set.of()).ok()).isTrue();
    }

    @Test
    void negativeBalance_reachedInAValidChain_isNegative() {
        var postings = List.of(deposit("dep-1", CLIENT, "1"), hold("2.5"));

        var report = audit(chain(postings), implied(postings), Set.of());

        assertThat(problems(report)).containsExactly(Problem.NEGATIVE);
        assertThat(report.breaks()).extracting(Break::seq).containsExactly(2L, 0L);
        assertThat(report.breaks().getFirst().detail()).contains(CLIENT.value(), "-1.5");
    }

    @Test
    void negativeIssuer_isWhatItIssued() {
        var postings = List.of(deposit("dep-1", CLIENT, "1"), deposit("dep-2", OWNER, "2"));

        var report = audit(chain(postings), implied(postings), Set.of());

        assertThat(report.ok()).isTrue();
        assertThat(report.issued()).isEqualTo(credits("3"));
    }

    @Test
    void breaks_pastTheLimit_areCounted() {
        List<Posting> postings = Collections.nCopies(1_200, deposit("dep-1", CLIENT, "0.000001"));

        var report = audit(chain(postings), implied(postings), Set.of());

        assertThat(report.breaks()).hasSize(1_001);
        assertThat(report.breaks().getLast()).isEqualTo(new Break(Problem.DUPLICATE, 0, "199 more breaks not listed"));
    }

    @Test
    void break_toString_namesProblemEntryAndDetail() {
        assertThat(new Break(Problem.CHAIN, 3, "changed")).hasToString("CHAIN at entry 3: changed");
        assertThat(new Break(Problem.BALANCE, 0, "off")).hasToString("BALANCE: off");
    }
}
