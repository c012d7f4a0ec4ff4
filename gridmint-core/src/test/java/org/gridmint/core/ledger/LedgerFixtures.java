package org.gridmint.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.gridmint.core.CoreFixtures;
import org.gridmint.core.DraftFixture;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.money.Credits;
import org.gridmint.core.spec.JobSpec;
import org.gridmint.core.spec.JobSpecValidator;

/** Accounts, postings, specs and small ledgers for the ledger's tests; each is valid, so a test states only what differs. */
final class LedgerFixtures {
    static final Instant NOW = CoreFixtures.NOW;
    static final AccountId CLIENT = AccountId.of("acct-client");
    static final AccountId OWNER = AccountId.of("acct-owner");
    static final JobId JOB = CoreFixtures.jobId();

    private LedgerFixtures() {}

    static LedgerAccount client() {
        return LedgerAccount.party(CLIENT);
    }

    static LedgerAccount owner() {
        return LedgerAccount.party(OWNER);
    }

    static LedgerAccount escrow() {
        return LedgerAccount.escrow(JOB);
    }

    static Credits credits(String amount) {
        return Credits.parse(amount);
    }

    static Posting deposit(String reference, AccountId to, String amount) {
        return new Posting(PostingKind.DEPOSIT, reference, LedgerAccount.ISSUER, LedgerAccount.party(to), credits(amount));
    }

    static Posting hold(String amount) {
        return new Posting(PostingKind.HOLD, JOB.value(), client(), escrow(), credits(amount));
    }

    /** The spec a job of {@code tasks} tasks of at most {@code timeout} each, at most {@code maxPrice} credits an hour, validates to. */
    static JobSpec spec(int tasks, String timeout, String maxPrice) {
        return spec(CoreFixtures.draft().withTasks(tasks).withTimeout(timeout).withMaxPrice(maxPrice));
    }

    static JobSpec spec(DraftFixture draft) {
        var result = JobSpecValidator.validate(draft.build());
        assertThat(result).as("expected a valid spec").isInstanceOf(JobSpecValidator.Valid.class);
        return ((JobSpecValidator.Valid) result).spec();
    }

    /** Posts each in order, one second apart from {@link #NOW}, and checks that each was written. */
    static Ledger ledgerOf(List<Posting> postings) {
        var ledger = new Ledger();
        for (int i = 0; i < postings.size(); i++) {
            assertThat(ledger.post(postings.get(i), NOW.plusSeconds(i)))
                    .as("posting %s", postings.get(i)).isInstanceOf(LedgerRules.Decision.Post.class);
        }
        return ledger;
    }

    /**
     * A small clean ledger with every kind of posting: a deposit of 10 to the client, a hold of 2.5 for job-1, task 0
     * paid 0.99 to the owner with a fee of 0.01 to the treasury, and the rest (1.5) refunded.
     */
    static Ledger cleanLedger() {
        String task = JOB.value() + "/0";
        return ledgerOf(List.of(
                deposit("dep-1", CLIENT, "10"),
                hold("2.5"),
                new Posting(PostingKind.PAY, task, escrow(), owner(), credits("0.99")),
                new Posting(PostingKind.FEE, task, escrow(), LedgerAccount.TREASURY, credits("0.01")),
                new Posting(PostingKind.REFUND, JOB.value(), escrow(), client(), credits("1.5"))));
    }
}
