package org.gridmint.bench;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.gridmint.chain.Leaves;
import org.gridmint.chain.Units;
import org.gridmint.core.economics.MerkleTree;
import org.gridmint.core.economics.RewardSplit;
import org.gridmint.core.economics.Tokens;

/**
 * One epoch's settlement batch for {@link SettlementBench}: N task payments (random amounts, spread over P payout
 * addresses, every address paid at least once) netted into one leaf per address, with the epoch's emission split over
 * the addresses in proportion to what they earned (RewardSplit, core's real split), and the Keccak Merkle tree of the
 * leaves sorted by address, as the coordinator builds it.
 */
record SettlementBatch(long epoch, int payments, List<Leaf> leaves, MerkleTree tree, BigInteger credits, BigInteger tokens) {
    /** One payout address's netted payout, in base units. */
    record Leaf(String address, BigInteger credits, BigInteger tokens) {}

    /** A task payment is 0.01 to 2 credits: short GPU tasks at consumer-GPU prices. */
    static final long MIN_PAYMENT_MICROS = 10_000;
    static final long MAX_PAYMENT_MICROS = 2_000_000;

    static SettlementBatch generate(long epoch, int payments, List<String> payees, Tokens emission, Random random) {
        if (payees.isEmpty() || payments < payees.size()) throw new IllegalArgumentException("need at least one payment per payee");
        Map<String, Long> earned = new TreeMap<>();
        for (int i = 0; i < payments; i++) {
            String payee = i < payees.size() ? payees.get(i) : payees.get(random.nextInt(payees.size()));
            long amount = MIN_PAYMENT_MICROS + random.nextLong(MAX_PAYMENT_MICROS - MIN_PAYMENT_MICROS + 1);
            earned.merge(payee, amount, Long::sum);
        }
        Map<String, Tokens> rewards = RewardSplit.split(emission, 0, earned).rewards();
        List<Leaf> leaves = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        BigInteger credits = BigInteger.ZERO;
        BigInteger tokens = BigInteger.ZERO;
        for (var e : earned.entrySet()) { // TreeMap: sorted by address, as the coordinator sorts its leaves
            Leaf leaf = new Leaf(e.getKey(), Units.toBaseUnits(e.getValue()), Units.toBaseUnits(rewards.getOrDefault(e.getKey(), Tokens.ZERO).micros()));
            leaves.add(leaf);
            hashes.add(Leaves.leafHash(epoch, leaf.address(), leaf.credits(), leaf.tokens()));
            credits = credits.add(leaf.credits());
            tokens = tokens.add(leaf.tokens());
        }
        return new SettlementBatch(epoch, payments, List.copyOf(leaves), new MerkleTree(hashes, Leaves.KECCAK), credits, tokens);
    }

    /** {@code n} random fresh addresses, 0x lower-case. */
    static List<String> addresses(int n, Random random) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] a = new byte[20];
            random.nextBytes(a);
            out.add("0x" + HexFormat.of().formatHex(a));
        }
        return out;
    }

    /** Which leaves to claim: all of them up to {@code sample}, else {@code sample} spread evenly over the tree. */
    static List<Integer> sample(int leaves, int sample) {
        List<Integer> out = new ArrayList<>();
        if (leaves <= sample) {
            for (int i = 0; i < leaves; i++) out.add(i);
        } else {
            for (int i = 0; i < sample; i++) out.add((int) ((long) i * leaves / sample));
        }
        return out;
    }
}
