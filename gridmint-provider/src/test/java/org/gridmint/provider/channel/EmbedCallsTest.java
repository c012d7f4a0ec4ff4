package org.gridmint.provider.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.gridmint.api.channel.ChannelMessage;
import org.gridmint.api.channel.ChannelMessage.CallFailed;
import org.gridmint.api.channel.ChannelMessage.EmbedCall;
import org.gridmint.api.channel.ChannelMessage.Embedded;
import org.gridmint.embed.DevicePreference;
import org.gridmint.embed.ModelCatalog;
import org.gridmint.embed.ModelRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How the agent answers one online call: the real model's vectors, or a failure that says whether another provider may do better. */
class EmbedCallsTest {
    private static ModelRegistry registry;
    private static EmbedCalls calls;

    @BeforeAll
    static void load() {
        registry = new ModelRegistry(List.of(ModelCatalog.DEFAULT), DevicePreference.CPU);
        calls = new EmbedCalls(registry);
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    @Test
    void embed_answersTheModelsVectors_asBase64Rows_inInputOrder() {
        List<String> input = List.of("the cat sat on the mat", "stock markets fell sharply");
        ChannelMessage m = calls.answer(new EmbedCall("c1", ModelCatalog.DEFAULT, input));

        assertThat(m).isInstanceOfSatisfying(Embedded.class, e -> {
            assertThat(e.id()).isEqualTo("c1");
            assertThat(e.count()).isEqualTo(2);
            assertThat(e.dimensions()).isEqualTo(384);
            float[][] rows = EmbedCalls.decode(e.vectors(), e.count(), e.dimensions());
            float[][] direct = registry.get(ModelCatalog.DEFAULT).embed(input);
            assertThat(rows[0]).containsExactly(direct[0]);
            assertThat(rows[1]).containsExactly(direct[1]);
        });
    }

    @Test
    void aModelNotServedHere_failsNotRetryably_namingIt() {
        ChannelMessage m = calls.answer(new EmbedCall("c2", "all-minilm-l6-v2", List.of("hi")));

        assertThat(m).isEqualTo(new CallFailed("c2", "model all-minilm-l6-v2 is not served by this provider", false));
    }

    @Test
    void noTexts_orANullText_failNotRetryably() {
        assertThat(calls.answer(new EmbedCall("c3", ModelCatalog.DEFAULT, List.of())))
                .isEqualTo(new CallFailed("c3", "input must hold at least one text", false));
        assertThat(calls.answer(new EmbedCall("c4", ModelCatalog.DEFAULT, Arrays.asList("ok", null))))
                .isEqualTo(new CallFailed("c4", "input[1] is null", false));
    }

    @Test
    void encodeAndDecode_roundTripLittleEndianRows() {
        float[][] rows = {{1f, -2.5f, 0f}, {0.125f, 3f, -0f}};
        assertThat(EmbedCalls.decode(EmbedCalls.encode(rows, 3), 2, 3)).isDeepEqualTo(rows);
    }

    @Test
    void channelUri_isTheWebSocketFormOfTheCoordinatorsUrl() {
        assertThat(ProviderChannel.channelUri(java.net.URI.create("http://127.0.0.1:7070/"), "prov-1").toString())
                .isEqualTo("ws://127.0.0.1:7070/api/v1/providers/prov-1/channel");
        assertThat(ProviderChannel.channelUri(java.net.URI.create("https://grid.example"), "p").toString())
                .isEqualTo("wss://grid.example/api/v1/providers/p/channel");
    }
}
