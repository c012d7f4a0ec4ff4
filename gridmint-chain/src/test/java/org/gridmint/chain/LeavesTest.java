package org.gridmint.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class LeavesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void keccakMatchesThePublishedVectors() {
        assertThat(HEX.formatHex(Leaves.keccak256(new byte[0]))).isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        assertThat(HEX.formatHex(Leaves.keccak256("abc".getBytes()))).isEqualTo("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    }

    /** The expected hashes were computed by anvil's web3_sha3 (another Keccak implementation) over the hand-encoded words. */
    @Test
    void leafHashIsTheDoubleKeccakOfTheAbiEncodedLeaf() {
        String encoded = "0000000000000000000000000000000000000000000000000000000000000007" // uint64 epoch = 7
                + "00000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c8" // address
                + "00000000000000000000000000000000000000000000000014d1120d7b160000" // credits = 1.5e18
                + "0000000000000000000000000000000000000000000000001bc16d674ec80000"; // tokens = 2e18
        byte[] inner = Leaves.keccak256(HEX.parseHex(encoded));
        assertThat(HEX.formatHex(inner)).isEqualTo("9160a3c530dfcbbc2934a7f9b090927d321370b49dc604165bc55742f3d3a494");

        byte[] leaf = Leaves.leafHash(7, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
                new BigInteger("1500000000000000000"), new BigInteger("2000000000000000000"));
        assertThat(HEX.formatHex(leaf)).isEqualTo("22490368046f2fe0b4c52ce691a45edf02e3acb6b75cae3975934b670ef06984");
    }

    @Test
    void aLeafDependsOnEveryField() {
        String a = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
        byte[] base = Leaves.leafHash(1, a, BigInteger.ONE, BigInteger.TWO);
        assertThat(Leaves.leafHash(2, a, BigInteger.ONE, BigInteger.TWO)).isNotEqualTo(base);
        assertThat(Leaves.leafHash(1, "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc", BigInteger.ONE, BigInteger.TWO)).isNotEqualTo(base);
        assertThat(Leaves.leafHash(1, a, BigInteger.TWO, BigInteger.TWO)).isNotEqualTo(base);
        assertThat(Leaves.leafHash(1, a, BigInteger.ONE, BigInteger.ONE)).isNotEqualTo(base);
    }

    @Test
    void badFieldsAreRefusedByName() {
        String a = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
        assertThatThrownBy(() -> Leaves.leafHash(-1, a, BigInteger.ONE, BigInteger.ONE)).hasMessageContaining("epoch");
        assertThatThrownBy(() -> Leaves.leafHash(0, "0x1234", BigInteger.ONE, BigInteger.ONE)).hasMessageContaining("address");
        assertThatThrownBy(() -> Leaves.leafHash(0, a, BigInteger.ONE.negate(), BigInteger.ONE)).hasMessageContaining("credits");
        assertThatThrownBy(() -> Leaves.leafHash(0, a, BigInteger.ONE, BigInteger.ONE.shiftLeft(256))).hasMessageContaining("tokens");
    }
}
