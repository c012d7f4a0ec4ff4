package org.gridmint.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.core.ledger.LedgerFixtures.CLIENT;
import static org.gridmint.core.ledger.LedgerFixtures.NOW;
import static org.gridmint.core.ledger.LedgerFixtures.credits;
import static org.gridmint.core.ledger.LedgerFixtures.deposit;
import static org.gridmint.core.ledger.LedgerFixtures.escrow;
import static org.gridmint.core.ledger.LedgerFixtures.hold;
import static org.gridmint.core.ledger.LedgerFixtures.owner;

import java.util.stream.Stream;
import org.gridmint.core.ids.JobId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JournalEntryTest {
    private static final JournalEntry FIRST = JournalEntry.next(null, deposit("dep-1", CLIENT, "10"), NOW);
    private static final JournalEntry SECOND = JournalEntry.next(FIRST, hold("2"), NOW.plusSeconds(1));

    @Test
    void next_ofNothing_isEntryOneAfterGenesis() {
        assertThat(FIRST.seq()).isEqualTo(1);
        assertThat(FIRST.prevHash()).isEqualTo(JournalEntry.GENESIS).isEqualTo("0".repeat(64));
        assertThat(FIRST.hashHolds()).isTrue();
    }

    @Test
    void next_chainsOnThePreviousEntry() {
        assertThat(SECOND.seq()).isEqualTo(2);
        assertThat(SECOND.prevHash()).isEqualTo(FIRST.hash());
        assertThat(SECOND.hashHolds()).isTrue();
    }

    @Test
    void hash_isLowerCaseHexSha256() {
        assertThat(FIRST.hash()).matches("[0-9a-f]{64}");
    }

    @Test
    void hash_isDeterministic() {
        assertThat(JournalEntry.next(null, deposit("dep-1", CLIENT, "10"), NOW)).isEqualTo(FIRST);
    }

    @Test
    void after_isTheSameAsNext() {
        assertThat(JournalEntry.after(0, JournalEntry.GENESIS, deposit("dep-1", CLIENT, "10"), NOW)).isEqualTo(FIRST);
        assertThat(JournalEntry.after(FIRST.seq(), FIRST.hash(), hold("2"), NOW.plusSeconds(1))).isEqualTo(SECOND);
    }

    /** A PAY entry (the one kind whose accounts fit another kind, REFUND), to change one field of at a time. */
    private static final JournalEntry PAID = JournalEntry.next(SECOND,
            new Posting(PostingKind.PAY, "job-1/0", escrow(), owner(), credits("1")), NOW.plusSeconds(2));

    /** Each field of {@link #PAID} changed on its own, its stored hash kept. */
    static Stream<Arguments> changes() {
        Posting p = PAID.posting();
        return Stream.of(
                Arguments.of("amount", withPosting(new Posting(p.kind(), p.reference(), p.from(), p.to(), credits("1.000001")))),
                Arguments.of("reference", withPosting(new Posting(p.kind(), "job-1/1", p.from(), p.to(), p.amount()))),
                Arguments.of("from", withPosting(new Posting(p.kind(), p.reference(), LedgerAccount.escrow(JobId.of("job-2")), p.to(), p.amount()))),
                Arguments.of("to", withPosting(new Posting(p.kind(), p.reference(), p.from(), LedgerAccount.party(CLIENT), p.amount()))),
                Arguments.of("kind", withPosting(new Posting(PostingKind.REFUND, p.reference(), p.from(), p.to(), p.amount()))),
                Arguments.of("time", new JournalEntry(PAID.seq(), p, PAID.at().plusMillis(1), PAID.prevHash(), PAID.hash())),
                Arguments.of("seq", new JournalEntry(PAID.seq() + 1, p, PAID.at(), PAID.prevHash(), PAID.hash())),
                Arguments.of("prevHash", new JournalEntry(PAID.seq(), p, PAID.at(), FIRST.hash(), PAID.hash())),
                Arguments.of("hash", new JournalEntry(PAID.seq(), p, PAID.at(), PAID.prevHash(), SECOND.hash())));
    }

    private static JournalEntry withPosting(Posting p) {
        return new JournalEntry(PAID.seq(), p, PAID.at(), PAID.prevHash(), PAID.hash());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void hashHolds_breaksWhenAnyFieldChanges(String field, JournalEntry changed) {
        assertThat(PAID.hashHolds()).isTrue();
        assertThat(changed).isNotEqualTo(PAID);
        assertThat(changed.hashHolds()).isFalse();
    }

    @Test
    void hash_coversTimeToTheMillisecondOnly() {
        var sameMilli = new JournalEntry(FIRST.seq(), FIRST.posting(), NOW.plusNanos(999_999), FIRST.prevHash(), FIRST.hash());

        assertThat(sameMilli.hashHolds()).isTrue();
    }

    @Test
    void constructor_rejectsSeqBelowOne() {
        assertThatThrownBy(() -> new JournalEntry(0, FIRST.posting(), NOW, JournalEntry.GENESIS, FIRST.hash()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 0");
    }

    @Test
    void constructor_rejectsMissingField() {
        assertThatThrownBy(() -> new JournalEntry(1, null, NOW, JournalEntry.GENESIS, "h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JournalEntry(1, FIRST.posting(), null, JournalEntry.GENESIS, "h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JournalEntry(1, FIRST.posting(), NOW, null, "h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JournalEntry(1, FIRST.posting(), NOW, JournalEntry.GENESIS, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
