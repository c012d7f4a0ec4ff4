package org.gridmint.coordinator.economics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.gridmint.api.ClaimList;
import org.gridmint.api.ClaimView;
import org.gridmint.api.PayoutAddressRequest;
import org.gridmint.api.WithdrawRequest;
import org.gridmint.coordinator.settlement.SettlementLeaf;
import org.gridmint.core.economics.MerkleTree;
import org.gridmint.core.economics.Tokens;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.Test;

/**
 * An account's claims are every leaf that paid it, whatever its payout address is now: changing the address must not
 * strand what older leaves (or withdrawals that kept the old address) owe it on-chain.
 */
class ClaimHistoryTest extends EconomicsTestBase {
    private static final String X = "0x" + "ab".repeat(20);
    private static final String Y = "0x" + "cd".repeat(20);
    private static final String Z = "0x" + "ef".repeat(20);
    private static final AccountId SAVER = AccountId.of("acct-saver");
    private static final AccountId OTHER = AccountId.of("acct-other");
    private final RecordingSettlement port = new RecordingSettlement(false);

    private void address(AccountId account, String address) {
        net.coordinator.economics().setAddress(account, new PayoutAddressRequest(address));
    }

    private void withdraw(AccountId account, String credits, String reference) {
        net.coordinator.economics().withdraw(account, new WithdrawRequest(new BigDecimal(credits), reference));
    }

    @Test
    void claims_listEveryLeafThatPaidTheAccount_afterItsPayoutAddressChanged() {
        open(economics(Duration.ofMinutes(1), 8760), port);
        net.fund(SAVER, "50");
        address(SAVER, X);
        withdraw(SAVER, "5", "to-x");
        address(SAVER, Y); // the withdrawal asked for keeps X; later ones go to Y
        withdraw(SAVER, "3", "to-y");
        closeThrough(0);
        address(SAVER, Z);

        ClaimList list = net.coordinator.economics().claims(SAVER);

        assertThat(list.address()).isEqualTo(Z);
        assertThat(list.claims()).extracting(ClaimView::address).containsExactly(X, Y);
        assertThat(list.claims()).extracting(ClaimView::credits).containsExactly(new BigDecimal("5"), new BigDecimal("3"));
        for (ClaimView c : list.claims()) {
            assertThat(c.state()).isEqualTo(ClaimView.CLAIMABLE);
            byte[] leaf = port.leafHash(new SettlementLeaf(c.epoch(), c.address(), Credits.of(c.credits()), Tokens.of(c.tokens())));
            List<byte[]> proof = c.proof().stream().map(p -> HexFormat.of().parseHex(p.substring(2))).toList();
            assertThat(MerkleTree.verify(proof, HexFormat.of().parseHex(c.root().substring(2)), leaf, port.hasher())).as(c.address()).isTrue();
        }
        port.claim(0, X);
        assertThat(net.coordinator.economics().claims(SAVER).claims()).extracting(ClaimView::state)
                .as("a claim's state is its own leaf's, not the current address's").containsExactly(ClaimView.CLAIMED, ClaimView.CLAIMABLE);
    }

    @Test
    void claims_leaveOutLeavesThatPaidOnlyAnotherAccount_atTheSameAddress() {
        open(economics(Duration.ofMinutes(1), 8760), port);
        net.fund(SAVER, "50");
        address(SAVER, X);
        withdraw(SAVER, "5", "to-x");
        closeThrough(0);
        address(OTHER, X);

        assertThat(net.coordinator.economics().claims(OTHER).claims()).isEmpty();
        assertThat(net.coordinator.economics().claims(SAVER).claims()).singleElement().satisfies(c -> assertThat(c.address()).isEqualTo(X));
    }
}
