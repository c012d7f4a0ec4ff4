package org.gridmint.cli.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.gridmint.api.ChainInfo;
import org.gridmint.api.ClaimList;
import org.gridmint.api.ClaimView;
import org.junit.jupiter.api.Test;

/** {@code gridmint wallet claims} names the address of a leaf that pays an earlier payout address, where its funds go. */
class ClaimsRenderTest {
    private static final String OLD = "0x" + "ab".repeat(20);
    private static final String NOW = "0x" + "cd".repeat(20);
    private static final ChainInfo CHAIN = new ChainInfo(ChainInfo.EVM, 31337L, "http://127.0.0.1:1", "0x" + "1".repeat(40), "0x" + "2".repeat(40),
            "0x" + "3".repeat(40), 1, "0x" + "4".repeat(40));

    private static ClaimView leaf(long epoch, String address, String credits) {
        return new ClaimView(epoch, address, new BigDecimal(credits), BigDecimal.ZERO, "0", "0", "0x00", List.of(), "0x00", ClaimView.CLAIMABLE);
    }

    @Test
    void claims_atAnEarlierPayoutAddress_areListed_namingThatAddress() {
        String out = ClaimsCommand.render(new ClaimList("acct-a", NOW, CHAIN, List.of(leaf(0, OLD, "5"), leaf(0, NOW, "3"))));

        assertThat(out).contains("payout address " + NOW).containsPattern("(?m)^\\s*0\\s+5\\s+0\\s+CLAIMABLE$")
                .containsPattern("(?m)^\\s*0\\s+3\\s+0\\s+CLAIMABLE$").contains("epoch 0 pays 5 credits and 0 GRID to " + OLD + ", an earlier payout address");
        assertThat(out).doesNotContain("to " + NOW);
    }
}
