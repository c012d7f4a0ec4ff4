package org.gridmint.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.gridmint.core.economics.MerkleTree;
import org.junit.jupiter.api.Test;

class ClaimTest extends ChainFixture {
    record Leaf(String address, BigInteger credits, BigInteger tokens) {}

    /** A posted epoch: its leaves in tree order and the tree built in Java by core's MerkleTree with Keccak. */
    record Batch(long epoch, List<Leaf> leaves, MerkleTree tree) {
        List<byte[]> proof(int i) {
            return tree.proof(i);
        }
    }

    @Test
    void everyLeafOfAThreeLeafEpochClaimsItsExactPayoutOnce() {
        Batch batch = post(5, randomLeaves(3, new Random(3)));
        claimAllAndCheckBalances(batch);
        assertThat(contracts.outstanding()).isZero();
        assertThat(contracts.gridBalance(contracts.addresses().settlement())).isZero();

        Leaf first = batch.leaves().getFirst();
        assertThatThrownBy(() -> contracts.claim(5, first.address(), first.credits(), first.tokens(), batch.proof(0)))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.revertReason()).isEqualTo("already claimed"));
    }

    @Test
    void everyLeafOfAThousandLeafEpochClaimsWithItsProof() {
        Batch batch = post(7, randomLeaves(1000, new Random(1000)));
        assertThat(batch.proof(0)).hasSize(10); // ceil(log2 1000)
        claimAllAndCheckBalances(batch);
        assertThat(contracts.outstanding()).isZero();
    }

    @Test
    void forgedClaimsRevertAndPayNothing() {
        Batch batch = post(2, randomLeaves(5, new Random(5)));
        Leaf a = batch.leaves().get(0);
        Leaf b = batch.leaves().get(1);
        SettlementContracts asStranger = contracts.as(client(4)); // anyone may send a claim, forged or not

        assertInvalidProof(() -> asStranger.claim(2, a.address(), a.credits().add(CREDIT), a.tokens(), batch.proof(0)));
        assertInvalidProof(() -> asStranger.claim(2, a.address(), a.credits(), a.tokens().add(BigInteger.ONE), batch.proof(0)));
        assertInvalidProof(() -> asStranger.claim(2, a.address(), a.credits(), a.tokens(), batch.proof(1)));
        assertInvalidProof(() -> asStranger.claim(2, client(4).address(), b.credits(), b.tokens(), batch.proof(1)));
        post(3, randomLeaves(5, new Random(6))); // the leaf names its epoch: epoch 2's leaf proves nothing in epoch 3
        assertInvalidProof(() -> asStranger.claim(3, a.address(), a.credits(), a.tokens(), batch.proof(0)));
        assertThat(contracts.stableBalance(a.address())).isZero();
        assertThat(contracts.isClaimed(2, a.address())).isFalse();

        asStranger.claim(2, a.address(), a.credits(), a.tokens(), batch.proof(0));
        assertThat(contracts.stableBalance(a.address())).isEqualTo(a.credits());
        assertThat(contracts.stableBalance(client(4).address())).isZero(); // the sender gets nothing
    }

    @Test
    void aClaimOfAnEpochNotPostedReverts() {
        assertThatThrownBy(() -> contracts.claim(9, client(1).address(), CREDIT, BigInteger.ZERO, List.of()))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.revertReason()).isEqualTo("epoch not posted"));
    }

    @Test
    void aOneLeafEpochClaimsWithAnEmptyProof() {
        Batch batch = post(1, randomLeaves(1, new Random(1)));
        assertThat(batch.proof(0)).isEmpty();
        claimAllAndCheckBalances(batch);
    }

    @Test
    void aRootWhoseLeavesOverstateItsCreditsCannotDrawOnAnotherEpochsBacking() {
        Batch honest = post(4, randomLeaves(3, new Random(4)));
        BigInteger honestCredits = honest.leaves().stream().map(Leaf::credits).reduce(BigInteger.ZERO, BigInteger::add);
        // the operator's mistake: leaves of 40 and 30 credits under a root posted (and backed) for 50
        List<Leaf> leaves = List.of(new Leaf(client(5).address(), credits(40), BigInteger.ZERO), new Leaf(client(6).address(), credits(30), BigInteger.ZERO));
        Batch overstated = post(5, leaves, credits(50), BigInteger.ZERO);

        assertOverstatedEpochPaysOnlyItsFirstLeaf(overstated, credits(50), BigInteger.ZERO);
        Leaf first = overstated.leaves().get(0);
        assertThat(contracts.outstanding()).isEqualTo(honestCredits.add(credits(50)).subtract(first.credits()));

        claimAllAndCheckBalances(honest); // epoch 4's backing is all still there
        BigInteger left = credits(50).subtract(first.credits());
        assertThat(contracts.outstanding()).isEqualTo(left);
        assertThat(contracts.stableBalance(contracts.addresses().settlement())).isEqualTo(left);
    }

    @Test
    void aRootWhoseLeavesOverstateItsTokensCannotDrawAnotherEpochsGrid() {
        BigInteger grid = INITIAL_EMISSION.divide(BigInteger.TEN); // 100 GRID
        Batch honest = post(4, randomLeaves(2, new Random(8)));
        List<Leaf> leaves = List.of(new Leaf(client(5).address(), CREDIT, grid.multiply(BigInteger.valueOf(6))),
                new Leaf(client(6).address(), CREDIT, grid.multiply(BigInteger.valueOf(5))));
        Batch overstated = post(5, leaves, credits(2), INITIAL_EMISSION); // 600 + 500 GRID under 1000 posted

        assertOverstatedEpochPaysOnlyItsFirstLeaf(overstated, credits(2), INITIAL_EMISSION);
        claimAllAndCheckBalances(honest); // epoch 4's minted GRID is all still there
        Leaf first = overstated.leaves().get(0);
        assertThat(contracts.gridBalance(contracts.addresses().settlement())).isEqualTo(INITIAL_EMISSION.subtract(first.tokens()));
    }

    /** Of a two-leaf epoch whose leaves add up to more than {@code credits}/{@code tokens}: the first leaf claims, the second reverts. */
    private void assertOverstatedEpochPaysOnlyItsFirstLeaf(Batch batch, BigInteger credits, BigInteger tokens) {
        Leaf first = batch.leaves().get(0);
        Leaf second = batch.leaves().get(1);
        contracts.claim(batch.epoch(), first.address(), first.credits(), first.tokens(), batch.proof(0));
        assertThat(contracts.stableBalance(first.address())).isEqualTo(first.credits());
        assertThat(contracts.gridBalance(first.address())).isEqualTo(first.tokens());

        assertThatThrownBy(() -> contracts.claim(batch.epoch(), second.address(), second.credits(), second.tokens(), batch.proof(1)))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.revertReason()).isEqualTo("exceeds epoch total"));
        assertThat(contracts.isClaimed(batch.epoch(), second.address())).isFalse();
        assertThat(contracts.stableBalance(second.address())).isZero();
        assertThat(contracts.gridBalance(second.address())).isZero();
        assertThat(contracts.unclaimed(batch.epoch())).containsExactly(credits.subtract(first.credits()), tokens.subtract(first.tokens()));
    }

    private Batch post(long epoch, List<Leaf> leaves) {
        BigInteger credits = leaves.stream().map(Leaf::credits).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger tokens = leaves.stream().map(Leaf::tokens).reduce(BigInteger.ZERO, BigInteger::add);
        return post(epoch, leaves, credits, tokens);
    }

    /** Posts the leaves' root with the given totals (backed by a deposit of {@code credits}), whatever the leaves add up to. */
    private Batch post(long epoch, List<Leaf> leaves, BigInteger credits, BigInteger tokens) {
        List<Leaf> sorted = leaves.stream().sorted(Comparator.comparing(Leaf::address)).toList();
        List<byte[]> hashes = sorted.stream().map(l -> Leaves.leafHash(epoch, l.address(), l.credits(), l.tokens())).toList();
        MerkleTree tree = new MerkleTree(hashes, Leaves.KECCAK);
        fundAndDeposit(1, "acct-payer", credits);
        contracts.postEpoch(epoch, tree.root(), credits, tokens);
        assertThat(contracts.epoch(epoch).orElseThrow().root()).isEqualTo(tree.root());
        return new Batch(epoch, sorted, tree);
    }

    private void claimAllAndCheckBalances(Batch batch) {
        for (int i = 0; i < batch.leaves().size(); i++) {
            Leaf l = batch.leaves().get(i);
            assertThat(MerkleTree.verify(batch.proof(i), batch.tree().root(), Leaves.leafHash(batch.epoch(), l.address(), l.credits(), l.tokens()), Leaves.KECCAK)).isTrue();
            contracts.claim(batch.epoch(), l.address(), l.credits(), l.tokens(), batch.proof(i));
        }
        for (Leaf l : batch.leaves()) {
            assertThat(contracts.stableBalance(l.address())).as("credits of %s", l.address()).isEqualTo(l.credits());
            assertThat(contracts.gridBalance(l.address())).as("GRID of %s", l.address()).isEqualTo(l.tokens());
            assertThat(contracts.isClaimed(batch.epoch(), l.address())).isTrue();
        }
    }

    /** Fresh addresses with whole micro-unit amounts; the tokens of all leaves stay within one epoch's emission. */
    private static List<Leaf> randomLeaves(int n, Random random) {
        List<Leaf> leaves = new ArrayList<>();
        long tokenShare = Units.toMicros(INITIAL_EMISSION) / n;
        for (int i = 0; i < n; i++) {
            byte[] a = new byte[20];
            random.nextBytes(a);
            long creditMicros = 1 + random.nextInt(50_000_000);
            long tokenMicros = i % 7 == 3 ? 0 : 1 + random.nextLong(tokenShare); // some leaves pay credits only
            leaves.add(new Leaf("0x" + HexFormat.of().formatHex(a), Units.toBaseUnits(creditMicros), Units.toBaseUnits(tokenMicros)));
        }
        return leaves;
    }

    private static void assertInvalidProof(org.assertj.core.api.ThrowableAssert.ThrowingCallable claim) {
        assertThatThrownBy(claim).isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.revertReason()).isEqualTo("invalid proof"));
    }
}
