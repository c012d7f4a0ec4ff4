package org.gridmint.coordinator.economics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.DriverManager;
import java.time.Duration;
import org.gridmint.api.PayoutAddressRequest;
import org.gridmint.api.WithdrawRequest;
import org.gridmint.coordinator.ledger.LedgerVerifier;
import org.gridmint.core.ids.AccountId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ledger verify} recomputes every settlement leaf and every epoch's root with the epoch's own hashing, and checks
 * each leaf against the accounts it paid: a leaf whose address, amounts or place was changed is found even when the
 * totals still add up.
 */
class LeafAuditTest extends EconomicsTestBase {
    private static final String X = "0x" + "ab".repeat(20);
    private static final String Y = "0x" + "cd".repeat(20);

    @BeforeEach
    void twoLeaves() {
        open(economics(Duration.ofMinutes(1), 8760), new RecordingSettlement(false));
        pay(AccountId.of("acct-saver-x"), X, "5");
        pay(AccountId.of("acct-saver-x2"), X, "2");
        pay(AccountId.of("acct-saver-y"), Y, "3");
        closeThrough(0);
        assertThat(LedgerVerifier.verify(net.coordinator.store()).breaks()).isEmpty();
    }

    private void pay(AccountId account, String address, String credits) {
        net.fund(account, "10");
        net.coordinator.economics().setAddress(account, new PayoutAddressRequest(address));
        net.coordinator.economics().withdraw(account, new WithdrawRequest(new BigDecimal(credits), "w"));
    }

    private void tamper(String... statements) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("gridmint.db")); var s = c.createStatement()) {
            for (String sql : statements) s.executeUpdate(sql);
        }
    }

    private void assertBreak(String detail) {
        var result = LedgerVerifier.verify(net.coordinator.store());
        assertThat(result.breaks()).anySatisfy(b -> assertThat(b.detail()).contains(detail));
        net.skipLedgerAudit();
    }

    @Test
    void ledgerVerify_findsALeafPayingAnotherAddress() throws Exception {
        tamper("UPDATE settlement_leaves SET address = '0x" + "66".repeat(20) + "' WHERE epoch = 0 AND idx = 1");

        assertBreak("epoch 0's leaf 1 (0x" + "66".repeat(20));
    }

    @Test
    void ledgerVerify_findsCreditsMovedBetweenLeaves_thoughTheTotalsHold() throws Exception {
        tamper("UPDATE settlement_leaves SET credits = credits + 1000000 WHERE epoch = 0 AND idx = 0",
                "UPDATE settlement_leaves SET credits = credits - 1000000 WHERE epoch = 0 AND idx = 1");

        assertBreak("does not hash to");
        assertBreak("its accounts' rows add up to");
    }

    @Test
    void ledgerVerify_findsLeavesThatSwappedPlaces() throws Exception {
        tamper("UPDATE settlement_leaves SET idx = 99 WHERE epoch = 0 AND idx = 0", "UPDATE settlement_leaves SET idx = 0 WHERE epoch = 0 AND idx = 1",
                "UPDATE settlement_leaves SET idx = 1 WHERE epoch = 0 AND idx = 99");

        // The sorted-pair rule makes a two-leaf root blind to order: the leaves' places are checked themselves.
        assertBreak("is out of place");
    }

    @Test
    void ledgerVerify_findsALeafThatDisagreesWithTheAccountsItPaid() throws Exception {
        tamper("UPDATE settlement_leaf_accounts SET credits = credits + 1 WHERE account = 'acct-saver-y'");

        assertBreak("its accounts' rows add up to");
    }
}
