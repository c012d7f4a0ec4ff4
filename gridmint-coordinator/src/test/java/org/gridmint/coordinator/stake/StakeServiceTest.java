package org.gridmint.coordinator.stake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import org.gridmint.api.ProblemTypes;
import org.gridmint.api.StakeRequest;
import org.gridmint.api.StakeView;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.money.Credits;
import org.gridmint.core.spec.FieldError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An owner's stake and unstake through the service: wallet to stake, unbonding, release; bad requests change nothing. */
class StakeServiceTest extends InProcessNetworkTest {
    static final AccountId OWNER = TestNetwork.OWNER;
    String provider;

    @BeforeEach
    void fundedProvider() {
        provider = net.provider("rig", "0.36", 1);
        net.fund(OWNER, "100");
    }

    StakeService stakes() {
        return net.coordinator.stakes();
    }

    StakeView stake(String amount) {
        return stakes().stake(OWNER, provider, new StakeRequest(new BigDecimal(amount)));
    }

    StakeView unstake(String amount) {
        return stakes().unstake(OWNER, provider, new StakeRequest(new BigDecimal(amount)));
    }

    BigDecimal wallet() {
        return net.coordinator.ledger().wallet(OWNER).balance();
    }

    int releaseAt(Duration after) {
        net.clock.advance(after);
        return net.coordinator.unbondingLoop().runOnce(net.clock.instant());
    }

    @Test
    void stake_movesCreditsFromTheWalletToTheProvidersStake_andShowsInItsView() {
        StakeView v = stake("25");

        assertThat(v.staked()).isEqualByComparingTo("25");
        assertThat(v.unbonding()).isEqualByComparingTo("0");
        assertThat(wallet()).isEqualByComparingTo("75");
        assertThat(net.coordinator.providers().list().providers().getFirst().stake()).isEqualByComparingTo("25");
        assertThat(stakes().view(provider)).isEqualTo(v);
    }

    @Test
    void stake_withTheSameReferenceTwice_stakesOnce() {
        var r = new StakeRequest(new BigDecimal("10"), "first");
        stakes().stake(OWNER, provider, r);
        stakes().stake(OWNER, provider, r);

        assertThat(stakes().view(provider).staked()).isEqualByComparingTo("10");
        assertThatThrownBy(() -> stakes().stake(OWNER, provider, new StakeRequest(new BigDecimal("11"), "first")))
                .isInstanceOf(CoordinatorException.Conflict.class).hasMessageContaining("first");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "0", "0.0000001", "100.000001", "2000000000"})
    void stake_ofABadAmount_isRefusedNamingTheAmount_andChangesNothing(String amount) {
        assertThatThrownBy(() -> stake(amount)).isInstanceOfSatisfying(CoordinatorException.Invalid.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("amount"));

        assertThat(wallet()).isEqualByComparingTo("100");
        assertThat(stakes().view(provider).staked()).isEqualByComparingTo("0");
    }

    @Test
    void stake_withoutAnAmountOrWithABadReference_namesTheField() {
        assertThatThrownBy(() -> stakes().stake(OWNER, provider, new StakeRequest(null))).isInstanceOfSatisfying(CoordinatorException.Invalid.class,
                e -> assertThat(e.getMessage()).contains("amount").contains("required"));
        assertThatThrownBy(() -> stakes().stake(OWNER, provider, new StakeRequest(BigDecimal.ONE, "a b")))
                .isInstanceOfSatisfying(CoordinatorException.Invalid.class, e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("reference"));
        assertThat(wallet()).isEqualByComparingTo("100");
    }

    @Test
    void stake_moreThanTheWalletHolds_isRefused_andChangesNothing() {
        assertThatThrownBy(() -> stake("100.5")).isInstanceOfSatisfying(CoordinatorException.Invalid.class,
                e -> assertThat(e.getMessage()).contains("amount").contains("more than your wallet holds").contains("100"));

        assertThat(wallet()).isEqualByComparingTo("100");
    }

    @Test
    void stakeOrUnstake_onAnotherAccountsProvider_isForbidden_andChangesNothing() {
        stake("10");
        AccountId mallory = AccountId.of("acct-mallory");
        net.fund(mallory, "10");

        assertThatThrownBy(() -> stakes().stake(mallory, provider, new StakeRequest(BigDecimal.ONE)))
                .isInstanceOfSatisfying(CoordinatorException.Forbidden.class, f -> assertThat(f.type()).isEqualTo(ProblemTypes.NOT_OWNER));
        assertThatThrownBy(() -> stakes().unstake(mallory, provider, new StakeRequest(BigDecimal.ONE)))
                .isInstanceOf(CoordinatorException.Forbidden.class);

        assertThat(stakes().view(provider).staked()).isEqualByComparingTo("10");
        assertThat(stakes().view(provider).unbondings()).isEmpty();
        assertThat(net.coordinator.ledger().wallet(mallory).balance()).isEqualByComparingTo("10");
    }

    @Test
    void stake_onAnUnknownProvider_isNotFound() {
        assertThatThrownBy(() -> stakes().stake(OWNER, "prov-nobody", new StakeRequest(BigDecimal.ONE))).isInstanceOf(CoordinatorException.NotFound.class);
        assertThatThrownBy(() -> stakes().view("not an id")).isInstanceOf(CoordinatorException.NotFound.class);
    }

    @Test
    void unstake_startsAnUnbonding_whoseCreditsStayStakedUntilTheLoopReleasesThem() {
        stake("30");

        StakeView v = unstake("10");

        assertThat(v.staked()).as("still in the stake until released").isEqualByComparingTo("30");
        assertThat(v.unbonding()).isEqualByComparingTo("10");
        assertThat(v.unbondings()).singleElement().satisfies(u -> {
            assertThat(u.state()).isEqualTo("UNBONDING");
            assertThat(u.releaseAt()).isEqualTo(net.clock.instant().plus(StakeConfig.DEFAULT_UNBONDING));
        });
        assertThat(releaseAt(Duration.ofDays(6))).as("not before the unbonding period").isZero();
        assertThat(wallet()).isEqualByComparingTo("70");

        assertThat(releaseAt(Duration.ofDays(1))).isEqualTo(1);

        StakeView after = stakes().view(provider);
        assertThat(after.staked()).isEqualByComparingTo("20");
        assertThat(after.unbonding()).isEqualByComparingTo("0");
        assertThat(after.unbondings().getFirst().state()).isEqualTo("RELEASED");
        assertThat(wallet()).isEqualByComparingTo("80");
        assertThat(releaseAt(Duration.ofDays(1))).as("released once").isZero();
    }

    @Test
    void unstake_moreThanStakedLessUnbonding_isRefusedNamingTheAmount_andChangesNothing() {
        stake("10");
        unstake("6");

        assertThatThrownBy(() -> unstake("4.000001")).isInstanceOfSatisfying(CoordinatorException.Invalid.class,
                e -> assertThat(e.getMessage()).contains("amount").contains("at most 4 can be unstaked").contains("6 is already unbonding"));

        assertThat(stakes().view(provider).unbondings()).hasSize(1);
        assertThat(unstake("4").unbonding()).isEqualByComparingTo("10");
    }

    @Test
    void unstake_duringAnOpenVerdict_cannotEscapeTheSlash() {
        stake("20");
        unstake("20");
        AccountId client = AccountId.of("acct-client");

        // The verdict lands before the unbonding is released: half of the stake goes, half of that to the client.
        var slashed = net.coordinator.store().inTransaction(tx -> Stakes.slash(tx, new ProviderId(provider), client, "vrd-1", StakeConfig.DEFAULT,
                net.clock.instant()));

        assertThat(slashed).isEqualTo(new Stakes.Slashed(Credits.parse("5"), Credits.parse("5")));
        StakeView v = stakes().view(provider);
        assertThat(v.staked()).isEqualByComparingTo("10");
        assertThat(v.unbonding()).as("the unbonding shrank to what is left").isEqualByComparingTo("10");
        assertThat(v.slashed()).isEqualByComparingTo("10");

        assertThat(releaseAt(StakeConfig.DEFAULT_UNBONDING)).isEqualTo(1);

        assertThat(wallet()).as("80 never staked + the 10 the slash left").isEqualByComparingTo("90");
        assertThat(net.coordinator.ledger().wallet(client).balance()).isEqualByComparingTo("5");
        Credits treasury = net.coordinator.store().inTransaction(tx -> tx.ledger().balance(LedgerAccount.TREASURY));
        assertThat(treasury).isEqualTo(Credits.parse("5"));
        assertThat(stakes().view(provider).staked()).isEqualByComparingTo("0");
        assertThat(stakes().view(provider).unbondings().getFirst()).satisfies(u -> {
            assertThat(u.requested()).isEqualByComparingTo("20");
            assertThat(u.amount()).isEqualByComparingTo("10");
        });
    }

    @Test
    void slash_quarantinesTheProvider_andTheSameVerdictSlashesOnce() {
        stake("8");
        AccountId client = AccountId.of("acct-client");
        var at = net.clock.instant();

        var first = net.coordinator.store().inTransaction(tx -> Stakes.slash(tx, new ProviderId(provider), client, "vrd-9", StakeConfig.DEFAULT, at));
        var again = net.coordinator.store().inTransaction(tx -> Stakes.slash(tx, new ProviderId(provider), client, "vrd-9", StakeConfig.DEFAULT, at));

        assertThat(again).isEqualTo(first);
        assertThat(stakes().view(provider).staked()).isEqualByComparingTo("4");
        var view = net.coordinator.providers().list().providers().getFirst();
        assertThat(view.quarantined()).isTrue();
        assertThat(view.quarantineReason()).contains("slashed").contains("vrd-9");
        net.submit("acct-alice", TestNetwork.spec(1));
        assertThat(net.claim(provider, 1)).as("a quarantined provider gets no work").isEmpty();
        long slashes = net.coordinator.store().inTransaction(tx -> tx.ledger().entriesOf(LedgerAccount.stake(new ProviderId(provider)), Long.MAX_VALUE, 100))
                .stream().filter(e -> e.posting().kind() == PostingKind.SLASH).count();
        assertThat(slashes).isEqualTo(2);
    }

    @Test
    void slash_ofAProviderWithNoStake_takesNothingButStillQuarantines() {
        var slashed = net.coordinator.store().inTransaction(tx -> Stakes.slash(tx, new ProviderId(provider), AccountId.of("acct-client"), "vrd-2",
                StakeConfig.DEFAULT, net.clock.instant()));

        assertThat(slashed.total()).isEqualTo(Credits.ZERO);
        assertThat(net.coordinator.providers().list().providers().getFirst().quarantined()).isTrue();
        assertThat(stakes().view(provider).slashed()).isEqualByComparingTo("0");
    }
}
