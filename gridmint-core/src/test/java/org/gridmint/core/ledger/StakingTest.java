package org.gridmint.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.core.ledger.LedgerFixtures.CLIENT;
import static org.gridmint.core.ledger.LedgerFixtures.OWNER;
import static org.gridmint.core.ledger.LedgerFixtures.credits;
import static org.gridmint.core.ledger.LedgerFixtures.deposit;
import static org.gridmint.core.ledger.LedgerFixtures.ledgerOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.money.Credits;
import org.gridmint.core.verify.SlashTerms;
import org.junit.jupiter.api.Test;

class StakingTest {
    static final ProviderId PROV = ProviderId.of("prov-1");
    static final TaskId TASK = new TaskId(LedgerFixtures.JOB, 0);
    static final AttemptId ATTEMPT = AttemptId.of("att-2");

    @Test
    void stakeSlashAndUnstake_moveMoneyThroughTheStakeAccount_andAuditClean() {
        var slash = Staking.slash("vrd-1", PROV, CLIENT, new SlashTerms(0.5, 0.5).of(credits("10")));
        List<Posting> all = new ArrayList<>(List.of(deposit("d-1", OWNER, "10"), Staking.stake("s-1", OWNER, PROV, credits("10"))));
        all.addAll(slash);
        all.add(Staking.unstake("unb-1", PROV, OWNER, credits("5")));
        var ledger = ledgerOf(all);

        assertThat(slash).extracting(Posting::reference).containsExactly("vrd-1/prov-1/client", "vrd-1/prov-1/treasury");
        assertThat(ledger.balance(LedgerAccount.stake(PROV))).isEqualTo(Credits.ZERO);
        assertThat(ledger.balance(LedgerAccount.party(CLIENT))).isEqualTo(credits("2.5"));
        assertThat(ledger.balance(LedgerAccount.TREASURY)).isEqualTo(credits("2.5"));
        assertThat(ledger.balance(LedgerAccount.party(OWNER))).isEqualTo(credits("5"));
        assertThat(audit(ledger).ok()).isTrue();
    }

    @Test
    void payAtCost_subsidizesOnlyWhatTheTreasuryLacks() {
        var lacking = Staking.payAtCost(TASK, ATTEMPT, OWNER, credits("3"), credits("1"));
        var enough = Staking.payAtCost(TASK, ATTEMPT, OWNER, credits("3"), credits("5"));

        assertThat(lacking).extracting(Posting::kind, Posting::amount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(PostingKind.SUBSIDY, credits("2")), org.assertj.core.groups.Tuple.tuple(PostingKind.VERIFY, credits("3")));
        assertThat(lacking).extracting(Posting::reference).containsOnly(TASK + "@att-2");
        assertThat(enough).extracting(Posting::kind).containsExactly(PostingKind.VERIFY);
        assertThat(Staking.payAtCost(TASK, ATTEMPT, OWNER, Credits.ZERO, Credits.ZERO)).isEmpty();
    }

    @Test
    void audit_flagsASubsidyBeyondWhatItsVerifyLacked() {
        String ref = Staking.verifyReference(TASK, ATTEMPT);
        var ledger = ledgerOf(List.of(deposit("d-1", CLIENT, "1"),
                new Posting(PostingKind.SUBSIDY, ref, LedgerAccount.ISSUER, LedgerAccount.TREASURY, credits("3")),
                new Posting(PostingKind.VERIFY, ref, LedgerAccount.TREASURY, LedgerAccount.party(OWNER), credits("2"))));

        var report = audit(ledger);

        assertThat(report.breaks()).extracting(LedgerAudit.Break::problem).containsExactly(LedgerAudit.Problem.SUBSIDY);
        assertThat(report.breaks().getFirst().detail()).contains("lacked only 2");
    }

    @Test
    void audit_flagsASubsidyWithoutItsVerify() {
        var ledger = ledgerOf(List.of(new Posting(PostingKind.SUBSIDY, "job-x/0@att-1", LedgerAccount.ISSUER, LedgerAccount.TREASURY, credits("1"))));

        assertThat(audit(ledger).breaks()).extracting(LedgerAudit.Break::problem).containsExactly(LedgerAudit.Problem.SUBSIDY);
    }

    @Test
    void audit_passesASubsidyOfExactlyWhatWasLacking() {
        var ledger = ledgerOf(Staking.payAtCost(TASK, ATTEMPT, OWNER, credits("3"), Credits.ZERO));

        assertThat(audit(ledger).ok()).isTrue();
        assertThat(ledger.balance(LedgerAccount.TREASURY)).isEqualTo(Credits.ZERO);
    }

    @Test
    void audit_flagsAStakeThatWentNegative_andASlashPostedTwice() {
        var forged = List.of(deposit("d-1", OWNER, "1"), Staking.stake("s-1", OWNER, PROV, credits("1")),
                Staking.unstake("unb-1", PROV, OWNER, credits("2")),
                new Posting(PostingKind.SLASH, "vrd-1/prov-1/client", LedgerAccount.stake(PROV), LedgerAccount.party(CLIENT), credits("0.5")),
                new Posting(PostingKind.SLASH, "vrd-1/prov-1/client", LedgerAccount.stake(PROV), LedgerAccount.party(CLIENT), credits("0.5")));

        var audit = new LedgerAudit();
        LedgerAuditTest.chain(forged).forEach(audit::accept);
        var report = audit.finish(LedgerAuditTest.implied(forged), Set.of());

        assertThat(report.breaks()).extracting(LedgerAudit.Break::problem).contains(LedgerAudit.Problem.NEGATIVE, LedgerAudit.Problem.DUPLICATE);
        assertThat(report.breaks()).anySatisfy(b -> assertThat(b.detail()).contains("stake:prov-1"));
    }

    @Test
    void unstakeable_isTheStakeLessWhatIsUnbonding_neverNegative() {
        assertThat(Staking.unstakeable(credits("10"), credits("4"))).isEqualTo(credits("6"));
        assertThat(Staking.unstakeable(credits("3"), credits("4"))).isEqualTo(Credits.ZERO);
    }

    @Test
    void shrinkToStake_cutsTheLatestUnbondingsFirst() {
        assertThat(Staking.shrinkToStake(List.of(credits("4"), credits("3"), credits("2")), credits("5")))
                .containsExactly(credits("4"), credits("1"), Credits.ZERO);
        assertThat(Staking.shrinkToStake(List.of(credits("4")), credits("9"))).containsExactly(credits("4"));
        assertThat(Staking.shrinkToStake(List.of(credits("4"), credits("3")), Credits.ZERO)).containsExactly(Credits.ZERO, Credits.ZERO);
    }

    private static LedgerAudit.Report audit(Ledger ledger) {
        var audit = new LedgerAudit();
        ledger.journal().forEach(audit::accept);
        return audit.finish(ledger.balances(), Set.of());
    }

}
