package org.gridmint.core.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MerkleTreeTest {
    private static final MerkleTree.Hasher SHA256 = MerkleTreeTest::sha256;

    @Test
    void oneLeaf_isItsOwnRoot_withAnEmptyProof() {
        byte[] leaf = leaf(0);
        var tree = new MerkleTree(List.of(leaf), SHA256);

        assertThat(tree.root()).isEqualTo(leaf);
        assertThat(tree.proof(0)).isEmpty();
        assertThat(MerkleTree.verify(List.of(), tree.root(), leaf, SHA256)).isTrue();
    }

    @Test
    void twoLeaves_hashInAscendingOrderWhateverTheirPositions() {
        byte[] a = leaf(1);
        byte[] b = leaf(2);
        byte[] low = Arrays.compareUnsigned(a, b) <= 0 ? a : b;
        byte[] high = low == a ? b : a;

        var tree = new MerkleTree(List.of(a, b), SHA256);

        assertThat(tree.root()).isEqualTo(sha256(concat(low, high)));
        assertThat(new MerkleTree(List.of(b, a), SHA256).root()).isEqualTo(tree.root());
        assertThat(tree.proof(0)).containsExactly(b);
        assertThat(tree.proof(1)).containsExactly(a);
    }

    @Test
    void threeLeaves_promoteTheOddOneUnchanged() {
        byte[] a = leaf(1), b = leaf(2), c = leaf(3);

        var tree = new MerkleTree(List.of(a, b, c), SHA256);

        byte[] ab = pair(a, b);
        assertThat(tree.root()).isEqualTo(pair(ab, c));
        assertThat(tree.proof(2)).containsExactly(ab);
        assertThat(tree.proof(0)).containsExactly(b, c);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 31, 33, 100, 1000, 1025})
    void everyProof_verifies_andIsNoLongerThanTheTreesHeight(int n) {
        List<byte[]> leaves = leaves(n);
        var tree = new MerkleTree(leaves, SHA256);
        int height = 32 - Integer.numberOfLeadingZeros(n - 1); // ceil(log2 n)

        assertThat(tree.size()).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            List<byte[]> proof = tree.proof(i);
            assertThat(proof.size()).as("proof of leaf %d", i).isLessThanOrEqualTo(height);
            assertThat(MerkleTree.verify(proof, tree.root(), leaves.get(i), SHA256)).as("leaf %d", i).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 8, 33})
    void aWrongLeafOrSibling_doesNotVerify(int n) {
        List<byte[]> leaves = leaves(n);
        var tree = new MerkleTree(leaves, SHA256);
        for (int i = 0; i < n; i++) {
            List<byte[]> proof = tree.proof(i);
            assertThat(MerkleTree.verify(proof, tree.root(), leaf(10_000 + i), SHA256)).as("a leaf not in the tree").isFalse();
            assertThat(MerkleTree.verify(proof, tree.root(), leaves.get((i + 1) % n), SHA256)).as("another leaf with leaf %d's proof", i).isFalse();
            for (int s = 0; s < proof.size(); s++) {
                List<byte[]> forged = new ArrayList<>(proof);
                byte[] sibling = forged.get(s).clone();
                sibling[31] ^= 1;
                forged.set(s, sibling);
                assertThat(MerkleTree.verify(forged, tree.root(), leaves.get(i), SHA256)).as("leaf %d, sibling %d flipped", i, s).isFalse();
            }
            if (!proof.isEmpty())
                assertThat(MerkleTree.verify(proof.subList(0, proof.size() - 1), tree.root(), leaves.get(i), SHA256)).as("a shortened proof").isFalse();
        }
    }

    @Test
    void theRoot_changesWithAnyLeaf() {
        List<byte[]> leaves = leaves(7);
        byte[] root = new MerkleTree(leaves, SHA256).root();
        for (int i = 0; i < leaves.size(); i++) {
            List<byte[]> changed = new ArrayList<>(leaves);
            changed.set(i, leaf(500 + i));
            assertThat(new MerkleTree(changed, SHA256).root()).as("leaf %d changed", i).isNotEqualTo(root);
        }
    }

    @Test
    void theTree_keepsCopies_soCallersCannotChangeIt() {
        byte[] a = leaf(1);
        var tree = new MerkleTree(List.of(a, leaf(2)), SHA256);
        byte[] root = tree.root();

        a[0] ^= 1;
        tree.root()[0] ^= 1;
        tree.proof(0).getFirst()[0] ^= 1;

        assertThat(tree.root()).isEqualTo(root);
        assertThat(MerkleTree.verify(tree.proof(1), root, tree.proof(0).getFirst(), SHA256)).isTrue();
    }

    @Test
    void badInput_isRefusedWithAClearError() {
        assertThatThrownBy(() -> new MerkleTree(List.of(), SHA256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a Merkle tree needs at least one leaf");
        assertThatThrownBy(() -> new MerkleTree(List.of(leaf(1), new byte[31]), SHA256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leaf 1 is not a 32-byte hash");
        var tree = new MerkleTree(leaves(3), SHA256);
        assertThatThrownBy(() -> tree.proof(3)).isInstanceOf(IndexOutOfBoundsException.class).hasMessage("leaf 3 of 3");
        assertThatThrownBy(() -> new MerkleTree(leaves(2), in -> new byte[20])).isInstanceOf(IllegalStateException.class)
                .hasMessage("the hasher must return 32 bytes");
    }

    private static List<byte[]> leaves(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(leaf(i));
        return out;
    }

    private static byte[] leaf(int i) {
        return sha256(("leaf " + i).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] pair(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) <= 0 ? sha256(concat(a, b)) : sha256(concat(b, a));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
