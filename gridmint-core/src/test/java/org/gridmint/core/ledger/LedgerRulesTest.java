package org.gridmint.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.core.ledger.LedgerFixtures.CLIENT;
import static org.gridmint.core.ledger.LedgerFixtures.NOW;
import static org.gridmint.core.ledger.LedgerFixtures.credits;
import static org.gridmint.core.ledger.LedgerFixtures.deposit;
import static org.gridmint.core.ledger.LedgerFixtures.hold;

import org.gridmint.core.ledger.LedgerRules.Decision;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.Test;

/** {@link LedgerRules#decide} on its own; {@link LedgerTest} covers what a ledger does with each decision. */
class LedgerRulesTest {

    @Test
    void decide_newPostingWithEnoughFunds_posts() {
        assertThat(LedgerRules.decide(hold("2"), null, credits("2"))).isEqualTo(new Decision.Post());
    }

    @Test
    void decide_whenFundsShort_givesBalanceAndShortfall() {
        assertThat(LedgerRules.decide(hold("2.5"), null, credits("1")))
                .isEqualTo(new Decision.Insufficient(credits("1"), credits("1.5")));
    }

    @Test
    void decide_issuer_mayPayWithoutFunds() {
        assertThat(LedgerRules.decide(deposit("dep-1", CLIENT, "5"), null, credits("-100"))).isEqualTo(new Decision.Post());
    }

    @Test
    void decide_samePostingAgain_isAlreadyPostedWithTheFirstEntry() {
        var first = JournalEntry.next(null, hold("2"), NOW);

        assertThat(LedgerRules.decide(hold("2"), first, Credits.ZERO)).isEqualTo(new Decision.AlreadyPosted(first));
    }

    @Test
    void decide_sameKeyOtherMovement_isClashWithTheFirstEntry() {
        var first = JournalEntry.next(null, hold("2"), NOW);

        assertThat(LedgerRules.decide(hold("3"), first, credits("100"))).isEqualTo(new Decision.Clash(first));
    }
}
