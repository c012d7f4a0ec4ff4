package org.gridmint.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.core.ledger.LedgerFixtures.CLIENT;
import static org.gridmint.core.ledger.LedgerFixtures.NOW;
import static org.gridmint.core.ledger.LedgerFixtures.OWNER;
import static org.gridmint.core.ledger.LedgerFixtures.client;
import static org.gridmint.core.ledger.LedgerFixtures.credits;
import static org.gridmint.core.ledger.LedgerFixtures.deposit;
import static org.gridmint.core.ledger.LedgerFixtures.escrow;
import static org.gridmint.core.ledger.LedgerFixtures.hold;
import static org.gridmint.core.ledger.LedgerFixtures.ledgerOf;
import static org.gridmint.core.ledger.LedgerFixtures.owner;

import java.util.List;
import java.util.Map;
import org.gridmint.core.ledger.LedgerRules.Decision;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.Test;

class LedgerTest {

    /** What a test compares before and after a refused posting: nothing of it may change. */
    private record State(List<JournalEntry> journal, Map<LedgerAccount, Credits> balances) {
        static State of(Ledger l) {
            return new State(List.copyOf(l.journal()), Map.copyOf(l.balances()));
        }
    }

    @Test
    void post_movesTheAmountAndJournalsIt() {
        var ledger = new Ledger();

        assertThat(ledger.post(deposit("dep-1", CLIENT, "10"), NOW)).isEqualTo(new Decision.Post());

        assertThat(ledger.balance(client())).isEqualTo(credits("10"));
        assertThat(ledger.balance(LedgerAccount.ISSUER)).isEqualTo(credits("-10"));
        assertThat(ledger.journal()).singleElement()
                .isEqualTo(JournalEntry.next(null, deposit("dep-1", CLIENT, "10"), NOW));
    }

    @Test
    void balance_ofUntouchedAccount_isZero() {
        assertThat(new Ledger().balance(owner())).isEqualTo(Credits.ZERO);
        assertThat(new Ledger().balances()).isEmpty();
    }

    @Test
    void balances_listEveryTouchedAccountInIdOrder() {
        var ledger = ledgerOf(List.of(deposit("dep-1", CLIENT, "10"), hold("10")));

        assertThat(ledger.balances()).containsExactly(
                Map.entry(client(), Credits.ZERO), Map.entry(escrow(), credits("10")), Map.entry(LedgerAccount.ISSUER, credits("-10")));
    }

    @Test
    void post_whenFundsShort_givesShortfallAndChangesNothing() {
        var ledger = ledgerOf(List.of(deposit("dep-1", CLIENT, "1")));
        var before = State.of(ledger);

        assertThat(ledger.post(hold("2.5"), NOW.plusSeconds(60))).isEqualTo(new Decision.Insufficient(credits("1"), credits("1.5")));

        assertThat(State.of(ledger)).isEqualTo(before);
    }

    @Test
    void post_exactlyTheBalance_leavesZero() {
        var ledger = ledgerOf(List.of(deposit("dep-1", CLIENT, "2.5")));

        assertThat(ledger.post(hold("2.5"), NOW.plusSeconds(60))).isEqualTo(new Decision.Post());

        assertThat(ledger.balance(client())).isEqualTo(Credits.ZERO);
    }

    @Test
    void post_issuer_goesNegativeByWhatItIssued() {
        var ledger = ledgerOf(List.of(deposit("dep-1", CLIENT, "3"), deposit("dep-2", OWNER, "4")));

        assertThat(ledger.balance(LedgerAccount.ISSUER)).isEqualTo(credits("-7"));
    }

    @Test
    void post_samePostingAgain_isAlreadyPostedAndChangesNothing() {
        var ledger = ledgerOf(List.of(deposit("dep-1", CLIENT, "10"), hold("2")));
        var before = State.of(ledger);

        assertThat(ledger.post(hold("2"), NOW.plusSeconds(60))).isEqualTo(new Decision.AlreadyPosted(ledger.journal().get(1)));

        assertThat(State.of(ledger)).isEqualTo(before);
    }

    @Test
    void post_samePostingAgain_isAlreadyPostedEvenWhenFundsAreNowShort() {
        var ledger = ledgerOf(List.of(deposit("dep-1", CLIENT, "2"), hold("2")));

        assertThat(ledger.post(hold("2"), NOW.plusSeconds(60))).isInstanceOf(Decision.AlreadyPosted.class);
    }

    @Test
    void post_sameKeyOtherAmount_isClashAndChangesNothing() {
        var ledger = ledgerOf(List.of(deposit("dep-1", CLIENT, "10"), hold("2")));
        var before = State.of(ledger);

        assertThat(ledger.post(hold("3"), NOW.plusSeconds(60))).isEqualTo(new Decision.Clash(ledger.journal().get(1)));

        assertThat(State.of(ledger)).isEqualTo(before);
    }

    @Test
    void post_sameKeyOtherAccount_isClashAndChangesNothing() {
        var ledger = ledgerOf(List.of(deposit("dep-1", CLIENT, "10")));
        var before = State.of(ledger);

        assertThat(ledger.post(deposit("dep-1", OWNER, "10"), NOW.plusSeconds(60))).isEqualTo(new Decision.Clash(ledger.journal().get(0)));

        assertThat(State.of(ledger)).isEqualTo(before);
    }

    @Test
    void post_sameReferenceOtherKind_isAnotherPosting() {
        String task = "job-1/0";
        var ledger = ledgerOf(List.of(deposit("dep-1", CLIENT, "10"), hold("2")));

        assertThat(ledger.post(new Posting(PostingKind.PAY, task, escrow(), owner(), credits("1")), NOW)).isEqualTo(new Decision.Post());
        assertThat(ledger.post(new Posting(PostingKind.FEE, task, escrow(), LedgerAccount.TREASURY, credits("0.5")), NOW))
                .isEqualTo(new Decision.Post());
    }

    @Test
    void journal_chainsFromGenesisInOrder() {
        var journal = ledgerOf(List.of(deposit("dep-1", CLIENT, "10"), hold("2"), deposit("dep-2", OWNER, "1"))).journal();

        assertThat(journal).extracting(JournalEntry::seq).containsExactly(1L, 2L, 3L);
        assertThat(journal.get(0).prevHash()).isEqualTo(JournalEntry.GENESIS);
        assertThat(journal.get(1).prevHash()).isEqualTo(journal.get(0).hash());
        assertThat(journal.get(2).prevHash()).isEqualTo(journal.get(1).hash());
        assertThat(journal).allMatch(JournalEntry::hashHolds);
    }

    @Test
    void journal_andBalances_areReadOnly() {
        var ledger = ledgerOf(List.of(deposit("dep-1", CLIENT, "10")));

        assertThatThrownBy(() -> ledger.journal().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ledger.balances().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    /** Regression: the entry used to be journalled before the balances were added up, so an overflow left it half-written. */
    @Test
    void post_whenABalanceWouldOverflow_throwsAndChangesNothing() {
        var ledger = new Ledger();
        ledger.post(new Posting(PostingKind.DEPOSIT, "dep-1", LedgerAccount.ISSUER, client(), Credits.ofMicros(Long.MAX_VALUE)), NOW);
        var before = State.of(ledger);

        assertThatThrownBy(() -> ledger.post(deposit("dep-2", CLIENT, "0.000001"), NOW)).isInstanceOf(ArithmeticException.class);

        assertThat(State.of(ledger)).isEqualTo(before);
        assertThatThrownBy(() -> ledger.post(deposit("dep-2", CLIENT, "0.000001"), NOW))
                .as("a retry is not taken for a posting already written").isInstanceOf(ArithmeticException.class);
    }
}
