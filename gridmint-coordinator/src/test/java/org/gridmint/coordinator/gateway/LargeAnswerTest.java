package org.gridmint.coordinator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An answer far over WebSocket's usual 64 KiB comes through a real channel, which stays open for the next request. */
class LargeAnswerTest extends GatewayTestBase {

    @Test
    void answerOverSixtyFourKib_goesThrough_andKeepsTheChannel() throws Exception {
        TestProvider p = provider(2, "0.02");
        List<String> input = new ArrayList<>();
        for (int i = 0; i < 256; i++) input.add("item " + i);

        var r = embeddings(request(input));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("data").size()).isEqualTo(256);
        // 256 rows × 384 floats × 4 bytes, base64: about 512 KiB in the provider's one frame.
        assertThat(256L * 384 * 4 * 4 / 3).isGreaterThan(4 * 64 * 1024);
        assertThat(p.closedWith).isNotDone();
        assertThat(p.calls.get()).isEqualTo(1);
        assertThat(embeddings(request("after")).statusCode()).isEqualTo(200);
    }

    @Test
    void frameLimit_fitsAnAnswerToTheMostItemsARequestMayCarry() {
        GatewayConfig c = GatewayConfig.DEFAULT;
        long answer = (long) c.maxItems() * 384 * 4 * 4 / 3;
        assertThat(c.maxFrameBytes()).isGreaterThan(answer).isLessThan(answer + 128 * 1024);
        assertThat(c.withMaxItems(10).maxFrameBytes()).isLessThan(c.maxFrameBytes());
    }
}
