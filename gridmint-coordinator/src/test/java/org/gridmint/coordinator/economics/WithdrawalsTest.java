package org.gridmint.coordinator.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert;
import org.gridmint.api.PayoutAddressRequest;
import org.gridmint.api.ProblemTypes;
import org.gridmint.api.WithdrawRequest;
import org.gridmint.api.WithdrawalView;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.Test;

/** Payout addresses and withdrawals: every bad input is refused naming its field (400) or why (409), and changes nothing. */
class WithdrawalsTest extends EconomicsTestBase {
    private static final AccountId ALICE = AccountId.of("acct-alice");
    private static final String ADDRESS = "0x" + "5e".repeat(20);

    private EconomicsService economics() {
        return net.coordinator.economics();
    }

    private static void invalid(ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CoordinatorException.Invalid.class,
                e -> assertThat(e.errors()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo(field)));
    }

    private static void conflict(ThrowableAssert.ThrowingCallable call, String type, String detail) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CoordinatorException.Conflict.class, e -> {
            assertThat(e.type()).isEqualTo(type);
            assertThat(e.getMessage()).contains(detail);
        });
    }

    private void assertNothingWithdrawn(String balance) {
        assertThat(balance(ALICE)).isEqualTo(Credits.parse(balance));
        assertThat(economics().withdrawals(ALICE, 10).withdrawals()).isEmpty();
    }

    @Test
    void payoutAddress_isValidated_andKeptLowerCase() {
        open(economics(Duration.ofMinutes(1), 8760), null);

        invalid(() -> economics().setAddress(ALICE, new PayoutAddressRequest(null)), "address");
        invalid(() -> economics().setAddress(ALICE, new PayoutAddressRequest("0x1234")), "address");
        invalid(() -> economics().setAddress(ALICE, new PayoutAddressRequest("5e".repeat(21))), "address");
        invalid(() -> economics().setAddress(ALICE, new PayoutAddressRequest("0x" + "0".repeat(40))), "address");
        invalid(() -> economics().setAddress(ALICE, null), "address");
        assertThat(economics().address(ALICE).address()).isNull();

        var set = economics().setAddress(ALICE, new PayoutAddressRequest(ADDRESS.toUpperCase().replace("0X", "0x")));

        assertThat(set.address()).isEqualTo(ADDRESS);
        assertThat(economics().address(ALICE).address()).isEqualTo(ADDRESS);
    }

    @Test
    void withdrawal_onTheEmbeddedSettlement_isRefused_needingAChain() {
        open(economics(Duration.ofMinutes(1), 8760), null);
        net.fund(ALICE, "50");
        economics().setAddress(ALICE, new PayoutAddressRequest(ADDRESS));

        conflict(() -> economics().withdraw(ALICE, new WithdrawRequest(new BigDecimal("10"), null)), ProblemTypes.WITHDRAWALS_NEED_CHAIN, "--chain-rpc");

        assertNothingWithdrawn("50");
    }

    @Test
    void withdrawal_badInput_isRefusedNamingTheFieldOrWhy_andChangesNothing() {
        open(economics(Duration.ofMinutes(1), 8760), new RecordingSettlement(false));
        net.fund(ALICE, "50");

        conflict(() -> economics().withdraw(ALICE, new WithdrawRequest(new BigDecimal("10"), null)), ProblemTypes.NO_PAYOUT_ADDRESS, "set one first");
        economics().setAddress(ALICE, new PayoutAddressRequest(ADDRESS));
        invalid(() -> economics().withdraw(ALICE, null), "amount");
        invalid(() -> economics().withdraw(ALICE, new WithdrawRequest(null, null)), "amount");
        invalid(() -> economics().withdraw(ALICE, new WithdrawRequest(new BigDecimal("-1"), null)), "amount");
        invalid(() -> economics().withdraw(ALICE, new WithdrawRequest(BigDecimal.ZERO, null)), "amount");
        invalid(() -> economics().withdraw(ALICE, new WithdrawRequest(new BigDecimal("0.0000001"), null)), "amount");
        invalid(() -> economics().withdraw(ALICE, new WithdrawRequest(BigDecimal.ONE, "no spaces allowed")), "reference");
        conflict(() -> economics().withdraw(ALICE, new WithdrawRequest(new BigDecimal("50.000001"), null)), ProblemTypes.INSUFFICIENT_FUNDS,
                "the balance is 50");

        assertNothingWithdrawn("50");
    }

    @Test
    void withdrawal_isIdempotentByReference_andWaitsForTheNextEpoch() {
        open(economics(Duration.ofMinutes(1), 8760), new RecordingSettlement(false));
        net.fund(ALICE, "50");
        economics().setAddress(ALICE, new PayoutAddressRequest(ADDRESS));

        WithdrawalView first = economics().withdraw(ALICE, new WithdrawRequest(new BigDecimal("12.5"), "rent"));
        WithdrawalView again = economics().withdraw(ALICE, new WithdrawRequest(new BigDecimal("12.5"), "rent"));

        assertThat(again).isEqualTo(first);
        assertThat(first.state()).isEqualTo("PENDING");
        assertThat(first.epoch()).isNull();
        assertThat(first.address()).isEqualTo(ADDRESS);
        assertThat(balance(ALICE)).isEqualTo(Credits.parse("37.5"));
        assertThatThrownBy(() -> economics().withdraw(ALICE, new WithdrawRequest(new BigDecimal("13"), "rent")))
                .isInstanceOf(CoordinatorException.Conflict.class).hasMessageContaining("use a new reference");
        assertThat(balance(ALICE)).isEqualTo(Credits.parse("37.5"));

        closeThrough(0);

        assertThat(economics().withdrawals(ALICE, 10).withdrawals()).singleElement()
                .satisfies(w -> assertThat(w.state()).isEqualTo("POSTED"), w -> assertThat(w.epoch()).isZero());
    }
}
