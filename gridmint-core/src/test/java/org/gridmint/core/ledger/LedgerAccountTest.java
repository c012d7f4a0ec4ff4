package org.gridmint.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.JobId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LedgerAccountTest {

    @Test
    void party_isTheAccountIdAndOfTypeParty() {
        var a = LedgerAccount.party(AccountId.of("acct-alice"));

        assertThat(a.id()).isEqualTo("acct-alice");
        assertThat(a.type()).isEqualTo(LedgerAccount.Type.PARTY);
        assertThat(a).isEqualTo(new LedgerAccount("acct-alice"));
    }

    @Test
    void escrow_isPrefixedJobIdAndKnowsItsJob() {
        var a = LedgerAccount.escrow(JobId.of("job-7"));

        assertThat(a.id()).isEqualTo("escrow:job-7");
        assertThat(a.type()).isEqualTo(LedgerAccount.Type.ESCROW);
        assertThat(a.job()).isEqualTo(JobId.of("job-7"));
        assertThat(new LedgerAccount("escrow:job-7")).isEqualTo(a);
    }

    @Test
    void stake_isPrefixedProviderIdAndKnowsItsProvider() {
        var a = LedgerAccount.stake(org.gridmint.core.ids.ProviderId.of("prov-7"));

        assertThat(a.id()).isEqualTo("stake:prov-7");
        assertThat(a.type()).isEqualTo(LedgerAccount.Type.STAKE);
        assertThat(a.provider()).isEqualTo(org.gridmint.core.ids.ProviderId.of("prov-7"));
        assertThat(new LedgerAccount("stake:prov-7")).isEqualTo(a);
        assertThat(a.mayGoNegative()).isFalse();
        assertThatThrownBy(() -> LedgerFixtures.client().provider()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void treasuryAndIssuer_parseToTheirConstants() {
        assertThat(new LedgerAccount("treasury")).isEqualTo(LedgerAccount.TREASURY);
        assertThat(new LedgerAccount("issuer")).isEqualTo(LedgerAccount.ISSUER);
        assertThat(LedgerAccount.TREASURY.type()).isEqualTo(LedgerAccount.Type.TREASURY);
        assertThat(LedgerAccount.ISSUER.type()).isEqualTo(LedgerAccount.Type.ISSUER);
    }

    @Test
    void mayGoNegative_onlyTheIssuer() {
        assertThat(LedgerAccount.ISSUER.mayGoNegative()).isTrue();
        assertThat(LedgerAccount.TREASURY.mayGoNegative()).isFalse();
        assertThat(LedgerFixtures.client().mayGoNegative()).isFalse();
        assertThat(LedgerFixtures.escrow().mayGoNegative()).isFalse();
    }

    @Test
    void job_ofNonEscrowAccount_fails() {
        assertThatThrownBy(() -> LedgerAccount.TREASURY.job()).isInstanceOf(IllegalStateException.class).hasMessageContaining("treasury");
        assertThatThrownBy(() -> LedgerFixtures.client().job()).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "acct-", "acct", "job-1", "escrow:", "escrow:acct-1", "escrow:job-", "escrow:job-a b",
            "Issuer", "TREASURY", " treasury", "treasury ", "prov-a", "acct-a/b", "escrow:escrow:job-1",
            "stake:", "stake:acct-1", "stake:prov-", "stake:prov-a b"})
    void constructor_rejectsJunk_namingTheId(String id) {
        assertThatThrownBy(() -> new LedgerAccount(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + id + "'");
    }

    @Test
    void constructor_rejectsNull() {
        assertThatThrownBy(() -> new LedgerAccount(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accounts_orderById() {
        assertThat(new LedgerAccount("acct-b").compareTo(new LedgerAccount("acct-a"))).isPositive();
        assertThat(LedgerAccount.ISSUER.compareTo(LedgerAccount.ISSUER)).isZero();
        assertThat(LedgerAccount.TREASURY).hasToString("treasury");
    }
}
