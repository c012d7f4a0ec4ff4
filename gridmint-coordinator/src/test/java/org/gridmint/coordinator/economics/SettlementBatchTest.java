package org.gridmint.coordinator.economics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import org.gridmint.api.ClaimList;
import org.gridmint.api.ClaimView;
import org.gridmint.api.PayoutAddressRequest;
import org.gridmint.api.WithdrawRequest;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.coordinator.ledger.LedgerVerifier;
import org.gridmint.coordinator.settlement.SettlementLeaf;
import org.gridmint.coordinator.store.EconomicsTx;
import org.gridmint.core.economics.MerkleTree;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.Test;

/**
 * On-chain settlement batches, through a recording port: each epoch sweeps what accounts with a payout address earned
 * (capped by their balance), takes in withdrawals, nets every address's accounts into one leaf, and posts the root; the
 * claims route hands out proofs that verify against it. A post that fails is posted again, even by a new coordinator.
 */
class SettlementBatchTest extends EconomicsTestBase {
    private static final String X = "0x" + "ab".repeat(20);
    private static final String Y = "0x" + "cd".repeat(20);
    private static final AccountId SAVER = AccountId.of("acct-saver");
    private final RecordingSettlement port = new RecordingSettlement(true);

    private void openOnChain() {
        open(economics(Duration.ofMinutes(1), 8760), port);
    }

    private void address(AccountId account, String address) {
        net.coordinator.economics().setAddress(account, new PayoutAddressRequest(address));
    }

    private Credits income(AccountId account) {
        return net.coordinator.store().inTransaction(tx -> tx.economics().incomeIn(account.value(), loop().epochs().start(0), loop().epochs().end(0)));
    }

    private Credits posted(String reference) {
        return net.coordinator.store().inTransaction(tx -> tx.ledger().entry(PostingKind.WITHDRAW, reference)).orElseThrow().posting().amount();
    }

    @Test
    void anEpoch_sweepsEarningsCappedByBalance_netsAccountsPerAddress_andPostsARootTheClaimsProve() {
        openOnChain();
        String a = farm.add("a", Farm.Kind.HONEST);
        String b = farm.add("b", Farm.Kind.HONEST);
        AccountId ownerA = farm.owner(a);
        AccountId ownerB = farm.owner(b);
        address(ownerA, X);
        address(ownerB, X.toUpperCase().replace("0X", "0x"));
        address(SAVER, Y);
        net.fund(SAVER, "50");
        verifiedJob(a, b);
        Credits incomeA = income(ownerA);
        assertThat(incomeA.micros()).isPositive();
        // Owner A withdraws part of what it earned: its sweep is capped by what is left.
        Credits part = Credits.ofMicros(incomeA.micros() / 4);
        net.coordinator.economics().withdraw(ownerA, new WithdrawRequest(part.toBigDecimal(), "a-1"));
        net.coordinator.economics().withdraw(SAVER, new WithdrawRequest(new BigDecimal("20"), "s-1"));

        EpochLoop.Run run = closeThrough(0);

        assertThat(run).isEqualTo(new EpochLoop.Run(1, 1));
        assertThat(port.posts).containsExactly(0L);
        Credits sweepA = posted("epoch-0/" + ownerA);
        Credits sweepB = posted("epoch-0/" + ownerB);
        assertThat(sweepA).isEqualTo(incomeA.minus(part));
        assertThat(sweepB).isEqualTo(income(ownerB));
        assertThat(balance(ownerA)).isEqualTo(Credits.ZERO);
        assertThat(balance(ownerB)).isEqualTo(Credits.ZERO);
        assertThat(balance(SAVER)).isEqualTo(Credits.parse("30"));
        EconomicsTx.EpochRecord e = epoch(0);
        assertThat(e.state()).isEqualTo(EconomicsTx.POSTED);
        assertThat(e.txHash()).isNotNull();
        assertThat(e.settlement()).isEqualTo("evm");
        List<EconomicsTx.Leaf> leaves = net.coordinator.store().inTransaction(tx -> tx.economics().leaves(0));
        assertThat(leaves).extracting(EconomicsTx.Leaf::address).containsExactly(RecordingSettlement.TREASURY, X, Y);
        EconomicsTx.Leaf x = leaves.get(1);
        assertThat(x.credits()).isEqualTo(sweepA.plus(part).plus(sweepB));
        assertThat(x.tokens()).isEqualTo(grid("900"));
        assertThat(leaves.get(2).credits()).isEqualTo(Credits.parse("20"));
        assertThat(leaves.get(0).tokens()).isEqualTo(grid("100"));
        assertThat(e.payoutCredits()).isEqualTo(x.credits().plus(Credits.parse("20")));
        assertThat(gridOf(ownerA)).isEqualTo(new EconomicsTx.TokenBalance(ownerA.value(), grid("0"), grid("450")));
        assertThat(net.coordinator.economics().withdrawals(SAVER, 10).withdrawals()).singleElement()
                .satisfies(w -> assertThat(w.state()).isEqualTo("POSTED")).satisfies(w -> assertThat(w.epoch()).isZero());

        ClaimList claims = net.coordinator.economics().claims(ownerB);
        assertThat(claims.address()).isEqualTo(X);
        ClaimView claim = claims.claims().getFirst();
        assertThat(claims.claims()).hasSize(1);
        assertThat(claim.state()).isEqualTo(ClaimView.CLAIMABLE);
        assertThat(claim.root()).isEqualTo(e.root());
        assertThat(claim.creditsBaseUnits()).isEqualTo(java.math.BigInteger.valueOf(x.credits().micros()).multiply(java.math.BigInteger.TEN.pow(12)).toString());
        byte[] leaf = port.leafHash(new SettlementLeaf(0, X, Credits.of(claim.credits()), org.gridmint.core.economics.Tokens.of(claim.tokens())));
        assertThat("0x" + HexFormat.of().formatHex(leaf)).isEqualTo(claim.leaf());
        List<byte[]> proof = claim.proof().stream().map(p -> HexFormat.of().parseHex(p.substring(2))).toList();
        assertThat(MerkleTree.verify(proof, HexFormat.of().parseHex(claim.root().substring(2)), leaf, port.hasher())).isTrue();
        port.claim(0, X);
        assertThat(net.coordinator.economics().claims(ownerA).claims().getFirst().state()).isEqualTo(ClaimView.CLAIMED);
    }

    @Test
    void aPostThatFails_leavesTheEpochClosed_andIsPostedAgain_evenByANewCoordinator() {
        openOnChain();
        String a = farm.add("a", Farm.Kind.HONEST);
        String b = farm.add("b", Farm.Kind.HONEST);
        address(farm.owner(a), X);
        verifiedJob(a, b);
        port.failures.set(2);

        assertThat(closeThrough(0)).isEqualTo(new EpochLoop.Run(1, 0));
        assertThat(epoch(0).state()).isEqualTo(EconomicsTx.CLOSED);
        assertThat(net.coordinator.economics().claims(farm.owner(a)).claims().getFirst().state()).isEqualTo(ClaimView.CLOSED);
        assertThat(loop().runOnce(net.clock.instant())).isEqualTo(new EpochLoop.Run(0, 0));
        net.close();

        // As after a crash between the close's commit and its post: the new coordinator finds the epoch CLOSED and posts it.
        var fresh = new RecordingSettlement(true);
        net = new TestNetwork(dir, InstantSource.system(), c -> c.withEconomics(economics(Duration.ofMinutes(1), 8760)), (c, g, s) -> fresh);
        net.clock.advance(Duration.ofSeconds(62));
        EpochLoop.Run run = loop().runOnce(net.clock.instant());

        assertThat(run).isEqualTo(new EpochLoop.Run(0, 1));
        assertThat(fresh.posts).containsExactly(0L);
        assertThat(epoch(0).state()).isEqualTo(EconomicsTx.POSTED);
        assertThat(loop().runOnce(net.clock.instant())).isEqualTo(new EpochLoop.Run(0, 0));
    }

    @Test
    void anEpochWithNothingToPay_isSettledWithoutARoot() {
        openOnChain();
        address(SAVER, Y);

        closeThrough(0);

        assertThat(epoch(0).state()).isEqualTo(EconomicsTx.SETTLED);
        assertThat(epoch(0).root()).isNull();
        assertThat(port.posts).isEmpty();
    }

    @Test
    void ledgerVerify_findsATamperedEpochRow() throws Exception {
        openOnChain();
        String a = farm.add("a", Farm.Kind.HONEST);
        String b = farm.add("b", Farm.Kind.HONEST);
        address(farm.owner(a), X);
        verifiedJob(a, b);
        closeThrough(0);
        assertThat(LedgerVerifier.verify(net.coordinator.store()).ok()).isTrue();

        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("gridmint.db"));
             var s = c.createStatement()) {
            s.executeUpdate("UPDATE epochs SET minted = minted + 1, payout_credits = payout_credits + 1 WHERE epoch = 0");
        }

        var result = LedgerVerifier.verify(net.coordinator.store());
        assertThat(result.ok()).isFalse();
        assertThat(result.breaks()).anySatisfy(x -> assertThat(x.detail()).contains("epoch 0 says it minted"))
                .anySatisfy(x -> assertThat(x.detail()).contains("epoch 0 pays"));
        net.skipLedgerAudit();
    }
}
