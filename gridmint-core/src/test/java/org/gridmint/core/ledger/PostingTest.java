package org.gridmint.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.core.ledger.LedgerFixtures.client;
import static org.gridmint.core.ledger.LedgerFixtures.credits;
import static org.gridmint.core.ledger.LedgerFixtures.escrow;
import static org.gridmint.core.ledger.LedgerFixtures.owner;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostingTest {
    private static final LedgerAccount OTHER_ESCROW = LedgerAccount.escrow(JobId.of("job-2"));
    private static final List<LedgerAccount> ACCOUNTS = List.of(LedgerAccount.ISSUER, LedgerAccount.TREASURY, LedgerAccount.CHAIN, client(), owner(), escrow(),
            OTHER_ESCROW, LedgerAccount.stake(org.gridmint.core.ids.ProviderId.of("prov-1")));

    private static Posting posting(PostingKind kind, LedgerAccount from, LedgerAccount to) {
        return new Posting(kind, "ref-1", from, to, credits("1"));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void amount_mustBePositive(long micros) {
        assertThatThrownBy(() -> new Posting(PostingKind.DEPOSIT, "dep-1", LedgerAccount.ISSUER, client(), Credits.ofMicros(micros)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }

    @Test
    void amount_ofOneMicro_isAccepted() {
        var p = new Posting(PostingKind.DEPOSIT, "dep-1", LedgerAccount.ISSUER, client(), Credits.ofMicros(1));

        assertThat(p.amount().micros()).isEqualTo(1);
    }

    @Test
    void selfTransfer_isRejected() {
        assertThatThrownBy(() -> posting(PostingKind.REFUND, escrow(), escrow()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("itself");
    }

    /** Every kind with every pair of distinct account types: allowed exactly as the kind's rule says. */
    static Stream<Arguments> everyKindAndPair() {
        List<Arguments> out = new ArrayList<>();
        for (PostingKind kind : PostingKind.values())
            for (LedgerAccount from : ACCOUNTS)
                for (LedgerAccount to : ACCOUNTS)
                    if (!from.equals(to)) out.add(Arguments.of(kind, from, to));
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("everyKindAndPair")
    void kind_movesMoneyOnlyBetweenItsAccountTypes(PostingKind kind, LedgerAccount from, LedgerAccount to) {
        boolean allowed = switch (kind) {
            case DEPOSIT -> (from.type() == LedgerAccount.Type.ISSUER || from.type() == LedgerAccount.Type.CHAIN) && to.type() == LedgerAccount.Type.PARTY;
            case HOLD -> from.type() == LedgerAccount.Type.PARTY && to.type() == LedgerAccount.Type.ESCROW;
            case PAY, REFUND -> from.type() == LedgerAccount.Type.ESCROW && to.type() == LedgerAccount.Type.PARTY;
            case FEE -> from.type() == LedgerAccount.Type.ESCROW && to.type() == LedgerAccount.Type.TREASURY;
            case STAKE -> from.type() == LedgerAccount.Type.PARTY && to.type() == LedgerAccount.Type.STAKE;
            case UNSTAKE -> from.type() == LedgerAccount.Type.STAKE && to.type() == LedgerAccount.Type.PARTY;
            case SLASH -> from.type() == LedgerAccount.Type.STAKE && (to.type() == LedgerAccount.Type.PARTY || to.type() == LedgerAccount.Type.TREASURY);
            case VERIFY -> from.type() == LedgerAccount.Type.TREASURY && to.type() == LedgerAccount.Type.PARTY;
            case SUBSIDY -> from.type() == LedgerAccount.Type.ISSUER && to.type() == LedgerAccount.Type.TREASURY;
            case INFERENCE -> from.type() == LedgerAccount.Type.PARTY && (to.type() == LedgerAccount.Type.PARTY || to.type() == LedgerAccount.Type.TREASURY);
            case WITHDRAW -> from.type() == LedgerAccount.Type.PARTY && to.type() == LedgerAccount.Type.CHAIN;
        };

        assertThat(kind.allows(from, to)).isEqualTo(allowed);
        if (allowed) assertThat(posting(kind, from, to).kind()).isEqualTo(kind);
        else assertThatThrownBy(() -> posting(kind, from, to)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(kind + " cannot move money from " + from + " to " + to);
    }

    @Test
    void drainsEscrow_payFeeAndRefundOnly() {
        assertThat(Stream.of(PostingKind.values()).filter(PostingKind::drainsEscrow))
                .containsExactlyInAnyOrder(PostingKind.PAY, PostingKind.FEE, PostingKind.REFUND);
    }

    @Test
    void reference_ofMaxLength_isAccepted() {
        String ref = "r".repeat(Posting.MAX_REFERENCE);

        assertThat(new Posting(PostingKind.DEPOSIT, ref, LedgerAccount.ISSUER, client(), credits("1")).reference()).isEqualTo(ref);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "dep\n1", "dep\u00001", "dep\u007f"})
    void reference_blankOrWithControlCharacters_isRejected(String ref) {
        assertThatThrownBy(() -> new Posting(PostingKind.DEPOSIT, ref, LedgerAccount.ISSUER, client(), credits("1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("printable");
    }

    @Test
    void reference_longerThanMax_isRejected() {
        String ref = "r".repeat(Posting.MAX_REFERENCE + 1);

        assertThatThrownBy(() -> new Posting(PostingKind.DEPOSIT, ref, LedgerAccount.ISSUER, client(), credits("1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1-200");
    }

    @Test
    void missingField_isRejected() {
        assertThatThrownBy(() -> new Posting(null, "r", LedgerAccount.ISSUER, client(), credits("1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Posting(PostingKind.DEPOSIT, null, LedgerAccount.ISSUER, client(), credits("1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Posting(PostingKind.DEPOSIT, "r", null, client(), credits("1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Posting(PostingKind.DEPOSIT, "r", LedgerAccount.ISSUER, null, credits("1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Posting(PostingKind.DEPOSIT, "r", LedgerAccount.ISSUER, client(), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void key_isKindAndReference() {
        assertThat(posting(PostingKind.PAY, escrow(), owner()).key()).isEqualTo("PAY:ref-1");
        assertThat(posting(PostingKind.FEE, escrow(), LedgerAccount.TREASURY).key()).isEqualTo("FEE:ref-1");
    }
}
