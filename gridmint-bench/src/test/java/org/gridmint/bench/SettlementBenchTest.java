package org.gridmint.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.gridmint.chain.Leaves;
import org.gridmint.core.economics.MerkleTree;
import org.gridmint.core.economics.Tokens;
import org.junit.jupiter.api.Test;

/** The batch {@link SettlementBench} posts and the arithmetic of its report; the runs themselves need anvil. */
class SettlementBenchTest {
    @Test
    void aBatchNetsEveryPaymentIntoOneLeafPerPayeeSortedByAddress() {
        List<String> payees = SettlementBatch.addresses(50, new Random(1));
        Tokens emission = Tokens.ofMicros(1000 * Tokens.MICROS_PER_TOKEN);
        SettlementBatch batch = SettlementBatch.generate(3, 5000, payees, emission, new Random(2));

        assertThat(batch.leaves()).hasSize(50).extracting(SettlementBatch.Leaf::address).isSorted().containsExactlyInAnyOrderElementsOf(payees);
        assertThat(batch.credits()).isEqualTo(batch.leaves().stream().map(SettlementBatch.Leaf::credits).reduce(BigInteger.ZERO, BigInteger::add));
        // 5000 payments of 0.01..2 credits each
        assertThat(batch.credits()).isBetween(new BigInteger("50000000000000000000"), new BigInteger("10000000000000000000000"));
        assertThat(batch.tokens()).isEqualTo(new BigInteger("1000000000000000000000")); // the whole emission, split
        for (int i = 0; i < 50; i++) {
            SettlementBatch.Leaf l = batch.leaves().get(i);
            assertThat(MerkleTree.verify(batch.tree().proof(i), batch.tree().root(), Leaves.leafHash(3, l.address(), l.credits(), l.tokens()), Leaves.KECCAK)).isTrue();
        }
    }

    @Test
    void theClaimSampleIsEveryLeafOrAnEvenSpread() {
        assertThat(SettlementBatch.sample(10, 100)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(SettlementBatch.sample(1000, 4)).containsExactly(0, 250, 500, 750);
    }

    @Test
    void gasIsCostedAtTheStatedPricesAsAShareOfTheValuePaid() {
        // 100,000 gas at 1 gwei is 0.0001 ETH; at $3000 per ETH, $0.30; of $1000 paid, 0.03%
        BigDecimal usd = SettlementCosts.usd(100_000, BigDecimal.ONE, new BigDecimal("3000"));
        assertThat(usd).isEqualByComparingTo("0.3");
        assertThat(SettlementCosts.percent(SettlementCosts.share(usd, new BigDecimal("1000")))).isEqualTo("0.03%");
        assertThat(SettlementCosts.median(List.of(5L, 1L, 3L))).isEqualTo(3);
        assertThat(SettlementCosts.median(List.of(4L, 1L, 3L, 2L))).isEqualTo(2);
        assertThat(SettlementCosts.mean(List.of(1L, 2L))).isEqualTo(2);
    }

    @Test
    void optionsHaveTheDocumentedDefaultsAndRefuseNonsense() {
        SettlementBench.Options o = SettlementBench.Options.parse();
        assertThat(o.payments()).isEqualTo(5000);
        assertThat(o.payees()).containsExactly(10, 100, 1000);
        assertThat(SettlementBench.Options.parse("--payees", "3", "--payments", "30", "--gwei", "2").gwei()).containsExactly(new BigDecimal("2"));
        assertThatThrownBy(() -> SettlementBench.Options.parse("--payees", "6000")).hasMessageContaining("--payees");
        assertThatThrownBy(() -> SettlementBench.Options.parse("--bogus", "1")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> SettlementBench.Options.parse("--claims")).hasMessageContaining("needs a value");
    }
}
